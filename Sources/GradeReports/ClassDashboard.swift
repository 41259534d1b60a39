import GradeResults

/// The class dashboard `grade batch` writes: `index.html`, a static page (no script, no server,
/// charts as inline SVG), and `summary.md`, the same summary for a CI page. Both lay out one
/// ``ClassSummary``; every number on the page also sits in a `data-value` attribute, so that a
/// test can read what a browser rendered and compare it with the gradebook.
public enum ClassDashboard {
    /// The HTML page.
    public static func html(_ summary: ClassSummary) -> String {
        var body: [String] = []
        body.append("<h1>\(escape(summary.assignment)): the class</h1>")
        body.append("""
            <p class="totals">\(number("submissions", summary.submissions)) submissions, \(number("graded", summary.graded)) graded; \
            mean \(points("mean-total", summary.meanTotal)), median \(points("median-total", summary.medianTotal)) \
            of \(points("max-total", summary.maxTotal)) points; \(number("build-failures", summary.buildFailures.count)) did not compile.</p>
            """)
        body.append("<h2>Scores</h2>")
        body.append(histogram(summary))

        body.append("<h2>Components</h2>")
        body.append("<table><thead><tr><th>component</th><th>points</th><th>mean</th><th>full marks</th><th></th></tr></thead><tbody>")
        for component in summary.components {
            let share = summary.graded == 0 ? 0 : Double(component.fullMarks) / Double(summary.graded)
            body.append("<tr data-component=\"\(escape(component.name))\"><td>\(escape(component.title)) (\(escape(component.name)))</td>"
                        + "<td>\(points(nil, component.points))</td><td>\(points("mean", component.meanScore))</td>"
                        + "<td>\(number("full-marks", component.fullMarks))</td><td>\(bar(share))</td></tr>")
        }
        body.append("</tbody></table>")

        body.append("<h2>Cases, the least passed first</h2>")
        body.append("<table><thead><tr><th>case</th><th>component</th><th>passed</th><th></th></tr></thead><tbody>")
        for testCase in summary.cases {
            body.append("<tr data-case=\"\(escape(testCase.name))\"><td>\(escape(testCase.name))</td><td>\(escape(testCase.component))</td>"
                        + "<td>\(number("passed", testCase.passed)) of \(number("ran", testCase.ran))</td><td>\(bar(testCase.passRate))</td></tr>")
        }
        body.append("</tbody></table>")

        body.append("<h2>Mistakes the class makes</h2>")
        if summary.mistakes.isEmpty {
            body.append("<p>No failure was diagnosed as a known mistake.</p>")
        } else {
            body.append("<table><thead><tr><th>students</th><th>component</th><th>diagnosis</th><th>who</th></tr></thead><tbody>")
            for mistake in summary.mistakes {
                body.append("<tr class=\"mistake\"><td>\(number("students", mistake.students.count))</td><td>\(escape(mistake.component))</td>"
                            + "<td>\(escape(mistake.diagnosis))</td><td>\(escape(mistake.students.joined(separator: ", ")))</td></tr>")
            }
            body.append("</tbody></table>")
        }

        body.append("<h2>Did not compile</h2>")
        body.append(summary.buildFailures.isEmpty ? "<p>Every submission compiled.</p>"
                    : "<ul>" + summary.buildFailures.map { "<li class=\"build-failure\">\(escape($0))</li>" }.joined() + "</ul>")
        if !summary.notGraded.isEmpty {
            body.append("<h2>Not graded</h2><ul>"
                        + summary.notGraded.map { "<li class=\"not-graded\">\(escape($0.student)): \(escape($0.reason))</li>" }.joined() + "</ul>")
        }
        body.append("<h2>Slowest gradings</h2><ol>"
                    + summary.slowest.map { "<li>\(escape($0.student)): \(ReportNumber.seconds($0.seconds)) s</li>" }.joined() + "</ol>")

        return """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>\(escape(summary.assignment)): the class</title>
            <style>
            body { font: 15px/1.4 system-ui, sans-serif; margin: 2em auto; max-width: 60em; padding: 0 1em; color: #222; }
            table { border-collapse: collapse; width: 100%; } td, th { text-align: left; padding: .2em .6em; border-bottom: 1px solid #ddd; }
            svg text { font: 11px system-ui, sans-serif; }
            </style></head>
            <body>
            \(body.joined(separator: "\n"))
            </body></html>

            """
    }

    /// The same summary in Markdown, for a CI page (`$GITHUB_STEP_SUMMARY`).
    public static func markdown(_ summary: ClassSummary) -> String {
        let md = MarkdownReportWriter.literal
        var lines = ["## \(md(summary.assignment)): the class", ""]
        lines.append("\(summary.submissions) submissions, \(summary.graded) graded; mean \(ReportNumber.points(summary.meanTotal)), "
                     + "median \(ReportNumber.points(summary.medianTotal)) of \(ReportNumber.points(summary.maxTotal)) points; "
                     + "\(summary.buildFailures.count) did not compile.")
        lines += ["", "| points (share of the maximum) | submissions |", "|---|---|"]
        for (bin, count) in summary.histogram.enumerated() {
            lines.append("| \(bin * 10)–\(bin == 9 ? 100 : bin * 10 + 10) % | \(count) |")
        }
        lines += ["", "| component | points | mean | full marks |", "|---|---|---|---|"]
        for component in summary.components {
            lines.append("| \(md(component.title)) | \(ReportNumber.points(component.points)) | \(ReportNumber.points(component.meanScore)) | \(component.fullMarks) |")
        }
        let hardest = summary.cases.prefix(10)
        if !hardest.isEmpty {
            lines += ["", "| least passed cases | component | passed |", "|---|---|---|"]
            for testCase in hardest { lines.append("| \(md(testCase.name)) | \(md(testCase.component)) | \(testCase.passed) of \(testCase.ran) |") }
        }
        if !summary.mistakes.isEmpty {
            lines += ["", "| students | component | diagnosis |", "|---|---|---|"]
            for mistake in summary.mistakes.prefix(10) {
                lines.append("| \(mistake.students.count) | \(md(mistake.component)) | \(md(mistake.diagnosis)) |")
            }
        }
        if !summary.buildFailures.isEmpty {
            lines += ["", "Did not compile: " + summary.buildFailures.map(md).joined(separator: ", ")]
        }
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: - Pieces

    /// The score histogram: a bar a tenth of the points available.
    private static func histogram(_ summary: ClassSummary) -> String {
        let (width, height, gap) = (60, 160, 8)
        let tallest = max(summary.histogram.max() ?? 0, 1)
        var shapes: [String] = []
        for (bin, count) in summary.histogram.enumerated() {
            let h = count * (height - 44) / tallest
            let x = bin * (width + gap)
            shapes.append("<rect data-bin=\"\(bin)\" data-value=\"\(count)\" x=\"\(x)\" y=\"\(height - 20 - h)\" width=\"\(width)\" height=\"\(h)\" fill=\"#4a7fb5\"><title>\(count) submissions</title></rect>")
            shapes.append("<text x=\"\(x + width / 2)\" y=\"\(height - 24 - h)\" text-anchor=\"middle\">\(count)</text>")
            shapes.append("<text x=\"\(x + width / 2)\" y=\"\(height - 6)\" text-anchor=\"middle\">\(bin * 10)–\(bin == 9 ? 100 : bin * 10 + 10) %</text>")
        }
        return "<svg class=\"histogram\" role=\"img\" aria-label=\"submissions by share of the points\" width=\"\(10 * (width + gap))\" height=\"\(height)\" viewBox=\"0 0 \(10 * (width + gap)) \(height)\">"
            + shapes.joined() + "</svg>"
    }

    /// A horizontal bar of `share` in [0, 1].
    private static func bar(_ share: Double) -> String {
        let filled = Int((max(0, min(1, share)) * 120).rounded())
        return "<svg width=\"120\" height=\"10\"><rect width=\"120\" height=\"10\" fill=\"#eee\"/><rect width=\"\(filled)\" height=\"10\" fill=\"#5a9\"/></svg>"
    }

    private static func number(_ name: String?, _ value: Int) -> String {
        name.map { "<span data-metric=\"\($0)\" data-value=\"\(value)\">\(value)</span>" } ?? "\(value)"
    }

    private static func points(_ name: String?, _ value: Double) -> String {
        let text = ReportNumber.points(value)
        return name.map { "<span data-metric=\"\($0)\" data-value=\"\(text)\">\(text)</span>" } ?? text
    }

    /// Text as HTML: `&`, `<`, `>` and quotes escaped, control characters removed.
    static func escape(_ text: String) -> String {
        var out = ""
        for character in TextSanitizer.sanitize(text) {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }
}
