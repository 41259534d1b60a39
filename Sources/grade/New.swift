import ArgumentParser

struct New: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Coming with the instructor tools.")
    func run() throws { throw CouldNotGrade(message: "'grade new' is not available yet") }
}
