import AssignmentFormat
import ComponentRuntime
import Foundation
import Testing

/// The families table of `docs/case-format.md` is the one the descriptors write.
@Suite struct FamilyTableTests {
    @Test func theDocumentedTableIsTheDescriptors() throws {
        let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/case-format.md")
        let text = try String(contentsOf: docs, encoding: .utf8)
        let written = FamilyTable.markdown(.standard)
        let begin = try #require(text.range(of: FamilyTable.begin), "docs/case-format.md has no families block")
        let end = try #require(text.range(of: FamilyTable.end, range: begin.upperBound..<text.endIndex))
        #expect(String(text[begin.lowerBound..<end.upperBound]) == written, "replace the block with:\n\(written)")
    }

    @Test func everyFamilyHasARow() {
        let table = FamilyTable.markdown(.standard)
        for descriptor in FamilyCatalog.standard.descriptors {
            #expect(table.contains("| `\(descriptor.family.rawValue)` (`\(descriptor.protocolName)`) |"))
        }
    }
}
