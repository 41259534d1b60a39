/// Makes untrusted text, such as what student code printed, safe to put in a report.
///
/// Every report writer passes student output and every other string through here:
/// - ANSI escape sequences are removed: CSI (`ESC [ … final`, also the 8-bit `0x9B` form),
///   OSC/DCS/PM/APC strings (`ESC ]`, `ESC P`, `ESC ^`, `ESC _`, `ESC X`, ended by BEL or `ESC \`)
///   and two-character escapes (`ESC (B`, `ESC =`);
/// - characters XML 1.0 forbids are dropped (NUL and the other C0 controls except tab, line feed
///   and carriage return), as are DEL and the C1 controls; U+FFFE and U+FFFF become U+FFFD;
/// - invalid UTF-8, including encoded lone surrogates, becomes U+FFFD when the text is decoded
///   from bytes (a Swift `String` cannot hold a lone surrogate).
public enum TextSanitizer {
    /// The longest escape string (OSC, DCS, …) removed whole; an unterminated longer one loses
    /// only its introducer, so a stray `ESC ]` cannot swallow the rest of the output.
    static let longestEscapeString = 4096

    /// Decodes bytes as UTF-8, replacing invalid sequences with U+FFFD, and sanitizes the result.
    public static func sanitize<Bytes: Collection>(bytes: Bytes) -> String where Bytes.Element == UInt8 {
        sanitize(String(decoding: bytes, as: UTF8.self))
    }

    /// Removes escape sequences and characters XML 1.0 forbids; tab, LF and CR are kept.
    public static func sanitize(_ text: String) -> String {
        clean(text, terminal: false)
    }

    /// Like `sanitize(_:)`, and also turns carriage returns into line feeds, so that output
    /// shown on a terminal cannot move the cursor or overwrite the report's own lines.
    public static func sanitizeForTerminal(_ text: String) -> String {
        clean(text, terminal: true)
    }

    /// True when the text needs no change to be written (the fast path for trusted strings).
    static func isClean(_ text: String, terminal: Bool) -> Bool {
        text.unicodeScalars.allSatisfy { scalar in
            let v = scalar.value
            if v >= 0x20 && v < 0x7F { return true }
            if v == 0x09 || v == 0x0A { return true }
            if v == 0x0D { return !terminal }
            return v > 0x9F && v != 0xFFFE && v != 0xFFFF
        }
    }

    private static func clean(_ text: String, terminal: Bool) -> String {
        if isClean(text, terminal: terminal) { return text }
        let scalars = Array(text.unicodeScalars)
        var result = String.UnicodeScalarView()
        var i = 0
        while i < scalars.count {
            let v = scalars[i].value
            switch v {
            case 0x1B:
                i = endOfEscape(scalars, from: i)
                continue
            case 0x9B:
                i = endOfCSI(scalars, from: i + 1)
                continue
            case 0x09, 0x0A:
                result.append(scalars[i])
            case 0x0D:
                if !terminal {
                    result.append(scalars[i])
                } else if i + 1 >= scalars.count || scalars[i + 1].value != 0x0A {
                    result.append("\n")
                }
            case 0..<0x20, 0x7F...0x9F:
                break
            case 0xFFFE, 0xFFFF:
                result.append("\u{FFFD}")
            default:
                result.append(scalars[i])
            }
            i += 1
        }
        return String(result)
    }

    /// The index just past the escape sequence that starts with the ESC at `start`.
    private static func endOfEscape(_ s: [Unicode.Scalar], from start: Int) -> Int {
        let next = start + 1
        guard next < s.count else { return next }
        switch s[next].value {
        case 0x5B: // [
            return endOfCSI(s, from: next + 1)
        case 0x5D, 0x50, 0x58, 0x5E, 0x5F: // ] P X ^ _
            let limit = min(s.count, next + 1 + longestEscapeString)
            var j = next + 1
            while j < limit {
                let v = s[j].value
                if v == 0x07 { return j + 1 }
                if v == 0x1B { return j + 1 < s.count && s[j + 1].value == 0x5C ? j + 2 : j }
                j += 1
            }
            return next + 1
        default:
            var j = next
            while j < s.count, (0x20...0x2F).contains(s[j].value) { j += 1 }
            if j < s.count, (0x30...0x7E).contains(s[j].value) { return j + 1 }
            return j
        }
    }

    /// The index just past a CSI sequence whose parameters start at `start`.
    private static func endOfCSI(_ s: [Unicode.Scalar], from start: Int) -> Int {
        var j = start
        while j < s.count, (0x20...0x3F).contains(s[j].value) { j += 1 }
        if j < s.count, (0x40...0x7E).contains(s[j].value) { return j + 1 }
        return j
    }
}
