// Shared helpers of the test targets: numeric assertions (NumericAssertions.swift),
// centered differences (CenteredDifference.swift) and seeded inputs (SeededInputs.swift).
