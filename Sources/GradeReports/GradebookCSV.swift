import GradeResults

/// A gradebook as CSV (RFC 4180) for a spreadsheet or an LMS import: a header, then one row a
/// submission with its total, its points by component, and how its grading went.
public enum GradebookCSV {
    /// The text of the file, lines ending in CRLF as RFC 4180 asks.
    public static func write(_ book: Gradebook) -> String {
        var rows = [["student", "total", "max_total"] + book.components
                    + ["status", "build_ok", "seconds", "seed", "grader_version", "cases_fingerprint", "error"]]
        for entry in book.entries {
            rows.append([entry.student, ReportNumber.points(entry.total), ReportNumber.points(entry.maxTotal)]
                        + book.components.map { entry.points[$0].map(ReportNumber.points) ?? "" }
                        + [entry.status.rawValue, entry.buildSucceeded ? "true" : "false", ReportNumber.seconds(entry.seconds),
                           String(entry.seed), entry.graderVersion, entry.casesFingerprint, entry.error ?? ""])
        }
        return rows.map { $0.map(field).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    /// A field, quoted when it holds a comma, a quote or a line break; a leading `=`, `+`, `-`
    /// or `@` is prefixed with `'` so that a spreadsheet does not run a student's folder name
    /// as a formula.
    static func field(_ text: String) -> String {
        var value = TextSanitizer.sanitize(text)
        if let first = value.first, "=+-@".contains(first), Double(value) == nil { value = "'" + value }
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) else { return value }
        return "\"" + value.replacing("\"", with: "\"\"") + "\""
    }
}
