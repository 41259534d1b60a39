import ArgumentParser

struct List: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Coming with the instructor tools.")
    func run() throws { throw CouldNotGrade(message: "'grade list' is not available yet") }
}
