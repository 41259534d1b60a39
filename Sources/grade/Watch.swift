import ArgumentParser
import Foundation

/// `grade watch ASSIGNMENT`: grades again every time a file of the submission is saved.
struct Watch: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Grade again every time a .swift file of the submission is saved, like a test runner's watch mode.",
        discussion: """
            Takes the options of grading (see grade run --help) after the assignment, for example \
            grade watch assignment3 --filter svm. Ctrl-C stops.
            """)

    @Argument(help: "The assignment: a folder name under assignments/, or a path.")
    var assignment: String

    /// Seconds between looks at the files.
    static let interval = 0.5

    @Argument(parsing: .captureForPassthrough, help: "The options of grading, as grade run takes them.")
    var options: [String] = []

    func validate() throws {
        _ = try GradeAssignment.parse([assignment] + options)
    }

    func run() throws {
        let command = try GradeAssignment.parse([assignment] + options)
        let layout = try ProjectLayout.locate()
        let loaded = try layout.loadAssignment(assignment)
        let folders = [try layout.submission(command.submission, assignment: loaded).url]
            + (try command.base.map { [try layout.submission($0, assignment: loaded).url] } ?? [])
        let terminal = isatty(1) != 0
        var last: [String: Date]?
        while true {
            let now = Self.modificationTimes(in: folders)
            if now != last {
                last = now
                if terminal { print("\u{1B}[2J\u{1B}[H", terminator: "") }
                let run = command
                do {
                    try run.run()
                } catch let error as CouldNotGrade {
                    print("grade: error: \(error.message)")
                } catch {
                    // A graded run ends with its exit status; watching goes on.
                }
                let time = Date().formatted(date: .omitted, time: .standard)
                print("\nwatching \(folders.map(\.path).joined(separator: ", ")) since \(time): save a .swift file to grade again (Ctrl-C stops)")
                fflush(nil)
            }
            Thread.sleep(forTimeInterval: Self.interval)
        }
    }

    /// The modification time of every `.swift` file under `folders`, by path.
    static func modificationTimes(in folders: [URL]) -> [String: Date] {
        var times: [String: Date] = [:]
        for folder in folders {
            let files = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.contentModificationDateKey])
            while let url = files?.nextObject() as? URL {
                guard url.pathExtension == "swift" else { continue }
                times[url.path] = (try? url.resourceValues(forKeys: [.contentModificationDateKey]))?.contentModificationDate
            }
        }
        return times
    }
}
