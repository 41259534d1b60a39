import ArgumentParser
import Foundation
import GradeReports
import GradeResults

/// `grade gradebook merge DIR… --out DIR`: the gradebooks of a batch's shards as one.
struct GradebookCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gradebook",
        abstract: "Work with the gradebooks grade batch writes.",
        subcommands: [Merge.self])

    struct Merge: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Combine the gradebooks of the shards of one batch (grade batch --shard K/N) into one.",
            discussion: "Example: grade gradebook merge shard-1/ shard-2/ --out grades/")

        @Argument(help: "The --out folders of the shards, each holding a gradebook.json.")
        var folders: [String]

        @Option(help: ArgumentHelp("Where the combined gradebook.json and gradebook.csv go.", valueName: "dir"))
        var out: String

        func run() throws {
            var books: [Gradebook] = []
            for folder in folders {
                let file = URL(fileURLWithPath: folder, isDirectory: true).appendingPathComponent("gradebook.json")
                guard let data = try? Data(contentsOf: file) else { throw CouldNotGrade(message: "cannot read \(file.path)") }
                do {
                    books.append(try JSONDecoder().decode(Gradebook.self, from: data))
                } catch {
                    throw CouldNotGrade(message: "\(file.path) is not a gradebook: \(error)")
                }
            }
            let merged: Gradebook
            do {
                merged = try Gradebook.merging(books)
            } catch {
                throw CouldNotGrade(message: error.description)
            }
            let outFolder = URL(fileURLWithPath: out, isDirectory: true)
            try Batch.write(merged, to: outFolder)
            // The dashboard of the whole class needs every student's run: copied from the shards.
            for folder in folders {
                let shard = URL(fileURLWithPath: folder, isDirectory: true)
                for entry in merged.entries {
                    let run = shard.appendingPathComponent(entry.student).appendingPathComponent(Batch.runFile)
                    guard let data = try? Data(contentsOf: run) else { continue }
                    do {
                        try ReportFile.write(data, to: outFolder.appendingPathComponent(entry.student).appendingPathComponent(Batch.runFile))
                    } catch {
                        throw CouldNotGrade(message: "could not copy \(run.path): \(error)")
                    }
                }
            }
            try Batch.writeDashboard(merged, runsIn: outFolder)
            print("\(merged.assignment): \(merged.entries.count) submissions from \(books.count) gradebooks in \(out)/gradebook.csv")
        }
    }
}
