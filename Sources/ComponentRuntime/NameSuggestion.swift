/// "Did you mean" suggestions: the known name closest to a misspelt one.
public enum NameSuggestion {
    /// The candidate nearest to `name` by edit distance (case-insensitive), if it is near
    /// enough to be a plausible misspelling: at most a third of the longer name, and at least 1.
    public static func nearest(to name: String, among candidates: [String]) -> String? {
        let lowered = name.lowercased()
        var best: (candidate: String, distance: Int)?
        for candidate in candidates {
            let distance = editDistance(lowered, candidate.lowercased())
            if best == nil || distance < best!.distance { best = (candidate, distance) }
        }
        guard let best else { return nil }
        let allowed = Swift.max(1, Swift.max(name.count, best.candidate.count) / 3)
        return best.distance <= allowed ? best.candidate : nil
    }

    /// `did you mean 'x'?` for the nearest candidate, or `use one of: a, b, c`.
    public static func suggestion(for name: String, among candidates: [String], noun: String = "") -> String {
        if let near = nearest(to: name, among: candidates) { return "did you mean '\(near)'?" }
        return "use one of\(noun.isEmpty ? "" : " the \(noun)"): " + candidates.joined(separator: ", ")
    }

    /// The Levenshtein distance between two strings, by characters.
    public static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = Array(repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = Swift.min(previous[j] + 1, current[j - 1] + 1, substitution)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
