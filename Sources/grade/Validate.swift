import ArgumentParser

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Coming with the instructor tools.")
    func run() throws { throw CouldNotGrade(message: "'grade validate' is not available yet") }
}
