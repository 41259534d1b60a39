import AssignmentFormat
import ComponentRuntime
import GradeKit

/// What a check's plan is built from: the case, its family's descriptor, its inputs and
/// the reference.
struct CheckContext {
    /// The case.
    let testCase: TestCase
    /// The descriptor of the case's component's family.
    let descriptor: FamilyDescriptor
    /// The case's inputs, literal or generated from its seed.
    let inputs: Values
    /// The large generated inputs, which the worker draws again instead of reading.
    var drawn: [DrawnMatrix] = []
    /// The seed of the case (mixed with the run's), for inputs a check makes itself.
    let seed: UInt64
    /// The trusted implementation.
    let oracle: ReferenceOracle
    /// How the assignment treats alternative conventions, by known-mistake key.
    var conventions: [String: ConventionPolicy] = [:]

    /// A fresh generator seeded by the case, for inputs a check makes itself.
    func random() -> SeededGenerator { SeededGenerator(seed: seed) }

    /// An invocation of the case's component on `inputs`, with the case's hyper-parameters
    /// unless others are given.
    func call(_ inputs: Values, _ hyperparameters: Hyperparameters? = nil) -> Invocation {
        Invocation(component: testCase.component, family: descriptor.family,
                   hyperparameters: hyperparameters ?? testCase.hyperparameters, inputs: inputs)
    }

    /// A fault of the case, reported at its location.
    func failure(_ message: String) -> CaseError {
        CaseError(caseName: testCase.name, location: testCase.location, message: message)
    }

    /// Throws ``failure(_:)`` with `message` unless `holds`.
    func require(_ holds: Bool, _ message: String) throws(CaseError) {
        if !holds { throw failure(message) }
    }

    /// The reference's outputs for `invocation`.
    func referenceOutputs(_ invocation: Invocation) throws(CaseError) -> Values {
        do {
            return try oracle.outputs(for: invocation)
        } catch {
            throw failure("the reference cannot run this case: \(error.message)")
        }
    }
}
