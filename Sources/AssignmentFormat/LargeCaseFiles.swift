import Foundation

/// Case files so large that every command which loads the assignment is slowed by them.
public enum LargeCaseFiles {
    /// The size from which a case file is warned about.
    public static let warnedFromBytes = 1 << 20

    /// A warning for each case file of `assignment` of at least ``warnedFromBytes``, by the
    /// files its cases name.
    public static func warnings(in assignment: Assignment) -> [String] {
        Set(assignment.cases.map(\.location.file)).sorted().compactMap { file in
            let url = assignment.directory.appendingPathComponent(file)
            guard let size = (try? FileManager.default.attributesOfItem(atPath: url.path))?[.size] as? Int,
                  size >= warnedFromBytes else { return nil }
            let megabytes = Double(size) / Double(1 << 20)
            return "\(file): warning: the file is \(String(format: "%.1f", megabytes)) MB, and every command that loads the assignment parses it; "
                + "generate large inputs ({normal: [rows, columns]}, {labels: N, classes: C}) instead of writing them out"
        }
    }
}
