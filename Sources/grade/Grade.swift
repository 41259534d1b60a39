import ArgumentParser
import Foundation

/// `grade`: grades ML-course assignments written in Swift.
///
/// Exit statuses: 0 every check passed; 1 graded, with failures (a build failure included);
/// 2 could not grade (unknown assignment, bad case file, bad usage).
@main
struct Grade: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "grade",
        abstract: "Grade a machine-learning assignment written in Swift.",
        discussion: """
            Exit status: 0 when every check passed, 1 when grading found failures (a submission \
            that does not compile included), 2 when grading was not possible (unknown assignment, \
            malformed case file, bad usage).
            """,
        subcommands: [GradeAssignment.self, Watch.self, Repro.self, Batch.self, GradebookCommand.self, Validate.self, List.self, New.self, Release.self, Manifest.self],
        defaultSubcommand: GradeAssignment.self)

    /// True for `grade --help`, `grade -h` and `grade help`: help on the whole tool.
    static func asksForTheRootHelp(_ arguments: [String]) -> Bool {
        arguments == ["--help"] || arguments == ["-h"] || arguments == ["help"]
    }

    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let error as CouldNotGrade {
            FileHandle.standardError.write(Data("grade: error: \(error.message)\n".utf8))
            Foundation.exit(ExitStatus.couldNotGrade)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                if Self.asksForTheRootHelp(Array(CommandLine.arguments.dropFirst())) {
                    // Grading is the default command: its options are the ones a newcomer looks for.
                    print("\nGRADING: grade <assignment> [options] is grade run <assignment> [options]\n")
                    print(helpMessage(for: GradeAssignment.self))
                }
                Foundation.exit(0)
            }
            if error is ExitCode { Foundation.exit(code.rawValue) }
            FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
            Foundation.exit(ExitStatus.couldNotGrade)
        }
    }
}
