import GradeKit

/// Named values: the inputs of an invocation, or its outputs.
public typealias Values = [String: Value]
