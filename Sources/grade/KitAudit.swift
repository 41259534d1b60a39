import AssignmentFormat
import Foundation

/// Checks a written kit before it is handed out: no reference source, no withheld case's
/// name anywhere, and case files that load.
struct KitAudit {
    /// The kit's folder.
    let kit: URL
    /// The cases students must not get.
    let withheld: [TestCase]
    /// The course repository.
    let layout: ProjectLayout

    func verify() throws(CouldNotGrade) {
        let fm = FileManager.default
        let referenceTexts = Set(((try? fm.contentsOfDirectory(atPath: layout.reference.path)) ?? [])
            .compactMap { try? String(contentsOf: layout.reference.appendingPathComponent($0), encoding: .utf8) })
        var leaks: [String] = []
        let files = fm.enumerator(at: kit, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL } ?? []
        for url in files {
            guard let text = try? String(contentsOf: url, encoding: .utf8) else { continue }
            let path = String(url.standardizedFileURL.path.dropFirst(kit.standardizedFileURL.path.count + 1))
            if referenceTexts.contains(text) { leaks.append("\(path) is a reference source file") }
            for testCase in withheld where text.contains(testCase.name) {
                leaks.append("\(path) names withheld case '\(testCase.name)'")
            }
        }
        if !leaks.isEmpty {
            throw CouldNotGrade(message: "the kit in \(kit.path) leaks what students must not see:\n  " + leaks.joined(separator: "\n  "))
        }
        let assignments = kit.appendingPathComponent("assignments", isDirectory: true)
        for name in (try? fm.contentsOfDirectory(atPath: assignments.path)) ?? [] {
            do {
                _ = try AssignmentLoader.load(directory: assignments.appendingPathComponent(name, isDirectory: true))
            } catch {
                throw CouldNotGrade(message: "the kit's case files of \(name) do not load:\n\(error.description)")
            }
        }
    }
}
