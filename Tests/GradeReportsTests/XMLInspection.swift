import FoundationEssentials

/// Reads the start tags of a report the tests write, without a second XML library.
enum XMLInspection {
    /// The attributes of every start tag named `element`, in document order.
    static func attributes(of element: String, in xml: String) -> [[String: String]] {
        let tag = try! Regex("<\(element)(\\s[^>]*)?/?>")
        let attribute = /([A-Za-z_:][-A-Za-z0-9_:.]*)="([^"]*)"/
        return xml.matches(of: tag).map { match in
            var result: [String: String] = [:]
            for pair in String(xml[match.range]).matches(of: attribute) { result[String(pair.1)] = String(pair.2) }
            return result
        }
    }

    /// The document as a string.
    static func text(_ data: Data) -> String { String(decoding: data, as: UTF8.self) }
}
