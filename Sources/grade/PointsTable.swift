import AssignmentFormat
import GradeResults

/// The points of an assignment by component: how many cases, how many points, and how many
/// cases students cannot see (hidden, or shown only later: after the due date or when the
/// grades are published).
struct PointsTable {
    /// One component's line.
    struct Row {
        var component: String
        var family: String
        var title: String
        var cases: Int
        var points: Double
        var hidden: Int
        var later: Int
    }

    /// The rows, in the assignment's component order.
    let rows: [Row]

    /// The table of an assignment.
    init(_ assignment: Assignment) {
        rows = assignment.components.map { spec in
            let cases = assignment.cases.filter { $0.component == spec.name }
            return Row(component: spec.name, family: spec.family.rawValue, title: spec.title, cases: cases.count,
                       points: cases.reduce(0) { $0 + $1.points },
                       hidden: cases.filter { $0.visibility == .hidden }.count,
                       later: cases.filter { $0.visibility == .afterDueDate || $0.visibility == .afterPublished }.count)
        }
    }

    /// The table as aligned text, with a total line; `detailed` adds each component's family and title.
    func rendered(detailed: Bool = false, indent: String = "") -> String {
        var header = ["component", "cases", "points", "hidden", "later"]
        if detailed { header += ["family", "title"] }
        var lines: [[String]] = [header]
        for row in rows {
            var line = [row.component, "\(row.cases)", Self.format(row.points), "\(row.hidden)", "\(row.later)"]
            if detailed { line += [row.family, row.title] }
            lines.append(line)
        }
        var total = ["total", "\(rows.reduce(0) { $0 + $1.cases })", Self.format(rows.reduce(0) { $0 + $1.points }),
                     "\(rows.reduce(0) { $0 + $1.hidden })", "\(rows.reduce(0) { $0 + $1.later })"]
        if detailed { total += ["", ""] }
        lines.append(total)
        let numeric: Set<Int> = [1, 2, 3, 4]
        let widths = header.indices.map { column in lines.map { $0[column].count }.max() ?? 0 }
        return lines.map { line in
            let cells = line.indices.map { column -> String in
                let cell = line[column], pad = String(repeating: " ", count: widths[column] - cell.count)
                return numeric.contains(column) ? pad + cell : cell + pad
            }
            return indent + cells.joined(separator: "  ").trimmingTrailingSpaces()
        }.joined(separator: "\n") + "\n"
    }

    /// A point count without a needless `.0`: `3`, `0.5`.
    static func format(_ points: Double) -> String {
        points == points.rounded() && abs(points) < 1e15 ? String(Int(points)) : String(points)
    }
}

extension String {
    /// The string without trailing spaces.
    func trimmingTrailingSpaces() -> String {
        var text = self
        while text.hasSuffix(" ") { text.removeLast() }
        return text
    }
}
