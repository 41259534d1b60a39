import Foundation
import GradingEngine
import Testing

/// Laying a submission of changes over a base submission.
@Suite struct SubmissionOverlayTests {
    let base: URL
    let overlay: URL

    init() throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("grade-overlay-\(UUID().uuidString)")
        base = scratch.appendingPathComponent("base")
        overlay = scratch.appendingPathComponent("overlay")
        try Self.write(["Loss.swift": "// base loss", "Optimizers/Adam.swift": "// base adam"], in: base)
        try Self.write(["Loss.swift": "// overlay loss", "Extra.swift": "// extra"], in: overlay)
    }

    @Test func overlayFilesReplaceTheBasesAtTheSamePathAndAddToThem() throws {
        let merged = try SubmissionOverlay.merge(base: base, overlay: overlay)
        defer { remove(merged) }
        #expect(try text(merged, "Loss.swift") == "// overlay loss")
        #expect(try text(merged, "Optimizers/Adam.swift") == "// base adam")
        #expect(try text(merged, "Extra.swift") == "// extra")
    }

    @Test func mergedSubmissionIsReadableByTheGraderAlone() throws {
        let merged = try SubmissionOverlay.merge(base: base, overlay: overlay)
        defer { remove(merged) }
        #expect(try mode(merged) == 0o700)
        #expect(try mode(merged.appendingPathComponent("Optimizers")) == 0o700)
        for file in ["Loss.swift", "Extra.swift", "Optimizers/Adam.swift"] {
            #expect(try mode(merged.appendingPathComponent(file)) == 0o600, "\(file)")
        }
    }

    @Test func symbolicLinkInTheOverlayIsLeftOut() throws {
        let secret = base.deletingLastPathComponent().appendingPathComponent("secret.txt")
        try "not for students".write(to: secret, atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(at: overlay.appendingPathComponent("Secret.swift"), withDestinationURL: secret)
        let merged = try SubmissionOverlay.merge(base: base, overlay: overlay)
        defer { remove(merged) }
        #expect(!FileManager.default.fileExists(atPath: merged.appendingPathComponent("Secret.swift").path))
    }

    private static func write(_ files: [String: String], in folder: URL) throws {
        for (path, text) in files {
            let url = folder.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
    }

    private func text(_ folder: URL, _ path: String) throws -> String {
        try String(contentsOf: folder.appendingPathComponent(path), encoding: .utf8)
    }

    private func mode(_ url: URL) throws -> Int? {
        try FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? Int
    }

    private func remove(_ merged: URL) {
        try? FileManager.default.removeItem(at: merged)
        try? FileManager.default.removeItem(at: base.deletingLastPathComponent())
    }
}
