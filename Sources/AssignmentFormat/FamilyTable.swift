import ComponentRuntime
import GradeKit

/// The documentation's table of families, written from their descriptors.
/// `docs/case-format.md` holds it between ``begin`` and ``end``; a test checks it is the
/// table of ``ComponentRuntime/FamilyCatalog/standard``.
public enum FamilyTable {
    /// The line before the table.
    public static let begin = "<!-- families: written from the family descriptors (FamilyTable); a test checks it -->"
    /// The line after it.
    public static let end = "<!-- end of families -->"

    /// The table, with the variants after it, as Markdown lines between ``begin`` and ``end``.
    public static func markdown(_ catalog: FamilyCatalog) -> String {
        var lines = [begin, "| family | inputs | outputs | gradients |", "|---|---|---|---|"]
        for d in catalog.descriptors {
            var inputs = d.inputs.map { "`\(written($0.name))` \(kindName($0.kind)): \($0.summary)" }.joined(separator: "; ")
            if d.inputSets.count > 1 {
                inputs += "; takes **either** " + d.inputSets.map { $0.map { "`\(written($0))`" }.joined(separator: ", ") }
                    .joined(separator: " **or** ")
            }
            let outputs = d.outputs.map { "`\(written($0.name))` \(kindName($0.kind)): \($0.summary)" }.joined(separator: "; ")
            let gradients = d.gradients.isEmpty ? "—"
                : d.gradients.map { "`\(written($0.output.name))` of `\(written($0.input.name))`" }.joined(separator: ", ")
            lines.append("| `\(d.family.rawValue)` (`\(d.protocolName)`) | \(inputs) | \(outputs) | \(gradients) |")
        }
        let variants = catalog.descriptors.flatMap { d in d.variants.map { (d.family, $0) } }
        if !variants.isEmpty {
            lines.append("")
            lines.append("Variants, chosen per component with `variant:` in `assignment.yaml`:")
            lines.append("")
            for (family, variant) in variants {
                lines.append("- `\(family.rawValue)`, `variant: \(variant.name)`: \(variant.summary).")
            }
        }
        lines.append(end)
        return lines.joined(separator: "\n")
    }

    /// The kind as the documentation's table of values names it.
    static func kindName(_ kind: ValueKind) -> String { kind == .scalar ? "number" : kind.rawValue }

    /// `gradient_first` for `gradientFirst`: the spelling the documentation uses.
    static func written(_ name: String) -> String {
        name.reduce(into: "") { result, character in
            if character.isUppercase { result += "_" + character.lowercased() } else { result.append(character) }
        }
    }
}
