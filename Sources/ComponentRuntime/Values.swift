import GradeKit

/// Named values: the inputs of an invocation, or its outputs.
public typealias Values = [String: Value]

extension [String: Value] {
    /// A fingerprint of the values, `fnv1a64:` and 16 hex digits: FNV-1a over the names in
    /// order, each value's kind and shape, and the bits of every number. It tells inputs apart
    /// from inputs drawn differently (another seed, another generator); it is no defence
    /// against someone who wants a collision, and needs to be none.
    public var fingerprint: String {
        var hash = FNV1a()
        func mix(_ word: UInt64) { hash.add(word: word) }
        func mix(_ text: String) {
            hash.add(text)
            mix(UInt64(text.utf8.count))
        }
        for name in keys.sorted() {
            let value = self[name]!
            mix(name)
            mix(value.shapeDescription)
            if case .text(let text) = value { mix(text) }
            for x in value.numbers { mix(x.bitPattern) }
        }
        let hex = String(hash.value, radix: 16)
        return "fnv1a64:" + String(repeating: "0", count: 16 - hex.count) + hex
    }
}
