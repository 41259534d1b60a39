import ArgumentParser

struct Release: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Coming with the instructor tools.")
    func run() throws { throw CouldNotGrade(message: "'grade release' is not available yet") }
}
