import ComponentRuntime

/// Hidden and after-due-date cases whose name or title gives away an expected value.
///
/// Reports for students never name such a case (they call it `hidden case N of COMPONENT`),
/// but the name travels further than the reports — into the course's repository, staff reports
/// and every tool that reads the case files — so `grade validate` warns about a number in a
/// withheld case's name or title that equals one of its literal expected values at the
/// precision written (`softmax-notes-1.04-hidden` for an expected loss of 1.0401).
public enum RevealingNames {
    /// One warning: the case, where it is, and the number it gives away.
    public struct Warning: Sendable, Hashable, CustomStringConvertible {
        public var caseName: String
        public var location: SourceLocation
        public var number: String

        public var description: String {
            "\(location): warning: case '\(caseName)' is not visible to students, but its name or title holds \(number), one of its expected values; rename it so that it does not give the answer away"
        }
    }

    /// The warnings of every withheld case of `assignment`.
    public static func warnings(in assignment: Assignment) -> [Warning] {
        var found: [Warning] = []
        for testCase in assignment.cases where testCase.visibility != .visible {
            guard let expected = testCase.check.literalExpected else { continue }
            let values = expected.values.flatMap(numbers)
            for token in tokens(in: testCase.name + " " + testCase.title) where values.contains(where: { matches(token, $0) }) {
                found.append(Warning(caseName: testCase.name, location: testCase.location, number: token))
                break
            }
        }
        return found
    }

    /// The decimal numbers written in `text`, such as `1.04`, `2.9` or `12`.
    static func tokens(in text: String) -> [String] {
        var tokens: [String] = []
        var current = ""
        for character in text + " " {
            if character.isASCII && (character.isNumber || (character == "." && !current.isEmpty && !current.contains("."))) {
                current.append(character)
            } else {
                if current.hasSuffix(".") { current.removeLast() }
                if !current.isEmpty { tokens.append(current) }
                current = ""
            }
        }
        return tokens
    }

    /// True when `value`, rounded to the decimals `token` is written with, is `token`.
    static func matches(_ token: String, _ value: Double) -> Bool {
        guard let written = Double(token), value.isFinite else { return false }
        let decimals = token.split(separator: ".").dropFirst().first?.count ?? 0
        let scale = (0..<decimals).reduce(1.0) { product, _ in product * 10 }
        return (abs(value) * scale).rounded() / scale == written
    }

    private static func numbers(_ value: Value) -> [Double] {
        switch value {
        case .scalar(let x): [x]
        case .matrix(let m): m.elements
        case .series(let s): s
        case .integers(let i): i.map(Double.init)
        case .matrices(let list): list.flatMap(\.elements)
        case .text: []
        }
    }
}
