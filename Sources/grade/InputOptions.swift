import ArgumentParser
import AssignmentFormat

/// Which inputs a run draws: `--seed N` for fresh ones, or `--student ID` for a student's own
/// when the assignment gives each student inputs of their own. `grade` and `grade repro` share
/// them, so a repro draws the inputs the grading drew.
struct InputOptions: ParsableArguments {
    @Option(help: "Mixed into every case's seed, for fresh random inputs (0 keeps the case files' inputs).")
    var seed: UInt64 = 0

    @Option(help: ArgumentHelp("The student's id, when the assignment gives each student inputs of their own (inputs_per_student): their inputs, as grade batch grades them.", valueName: "id"))
    var student: String?

    func validate() throws {
        if student != nil, seed != 0 { throw ValidationError("--student sets the seed of the student's inputs: give --student or --seed, not both") }
    }

    /// The run seed for `assignment`.
    func runSeed(for assignment: Assignment) throws(CouldNotGrade) -> UInt64 {
        if let student, !assignment.inputsPerStudent {
            throw CouldNotGrade(message: "--student \(student): \(assignment.id) gives every student the same inputs (its assignment.yaml has no inputs_per_student: true)")
        }
        return student.map(Assignment.studentSeed) ?? seed
    }
}
