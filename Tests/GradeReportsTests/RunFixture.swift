import GradeResults

/// Hand-built grading runs the report tests feed to every writer.
enum RunFixture {
    /// Strings that appear only in the hidden case's inputs, values, reason and output.
    static let hiddenSecrets = ["HIDDEN-EXPECTED-7.123", "HIDDEN-GOT-9.876", "HIDDEN-REASON", "HIDDEN-OUTPUT",
                                "HIDDEN-HINT", "HIDDEN-MISCONCEPTION", "HIDDEN-TITLE"]
    /// Strings that appear only in the after-due-date case's details.
    static let lateSecrets = ["LATE-EXPECTED-3.5", "LATE-GOT-0.5", "LATE-TITLE"]

    static let tolerance = "rtol 1e-6, atol 1e-9"

    /// A run with a passed check, a wrong value, a wrong gradient, a hidden failure, a component
    /// that is not implemented, a crash, a timeout and an after-due-date failure.
    ///
    /// `withheldPassed` makes the hidden and the after-due-date case pass instead, with the
    /// same points and durations; `withheldCases` is the assignment's rule for them.
    static func mixed(sgdOutput: CapturedOutput? = nil, withheldPassed: Bool = false, withheldCases: WithheldCases = .place) -> GradeRun {
        let svm = ComponentResult(name: "multiclass-svm", title: "Multiclass SVM loss", checks: [
            CheckResult(name: "svm-cat-loss", component: "multiclass-svm", kind: "worked-example",
                        title: "SVM loss of the cat image (lecture: 2.9)", points: 1, status: .passed,
                        comparisons: [Comparison(quantity: "loss", expected: "2.9", got: "2.9", relativeError: 0,
                                                 tolerance: tolerance, passed: true)],
                        duration: 0.0123456),
            CheckResult(name: "svm-random-loss", component: "multiclass-svm", kind: "reference",
                        title: "SVM loss of a random batch", points: 2, status: .failed, problem: .wrongValue,
                        reason: "The loss is about twice the expected value.",
                        misconception: "Counting the correct class in the sum of margins.",
                        hint: "Skip j == y_i when summing margins.",
                        comparisons: [Comparison(quantity: "loss", expected: "1.2345", got: "2.469", relativeError: 1.0,
                                                 tolerance: tolerance, passed: false)],
                        duration: 0.5),
            CheckResult(name: "svm-gradient", component: "multiclass-svm", kind: "gradient-check",
                        title: "SVM gradient against the reference", points: 2, status: .failed, problem: .wrongGradient,
                        reason: "Column 2 of the gradient is wrong.",
                        misconception: "Forgetting to subtract the count of positive margins for the correct class.",
                        comparisons: [Comparison(quantity: "gradient[0,2]", expected: "-0.75", got: "0.25",
                                                 relativeError: 1.333, tolerance: tolerance, passed: false)],
                        duration: 1e-7),
            CheckResult(name: "svm-hidden-batch", component: "multiclass-svm", kind: "reference",
                        title: "HIDDEN-TITLE loss of a batch", visibility: .hidden, points: 3, status: .failed,
                        problem: .wrongValue, reason: "HIDDEN-REASON: the loss differs.",
                        misconception: "HIDDEN-MISCONCEPTION", hint: "HIDDEN-HINT",
                        comparisons: [Comparison(quantity: "loss", expected: "HIDDEN-EXPECTED-7.123",
                                                 got: "HIDDEN-GOT-9.876", relativeError: 0.387,
                                                 tolerance: tolerance, passed: false)],
                        output: CapturedOutput(text: "HIDDEN-OUTPUT debug print\n", totalBytes: 26)),
        ])
        let softmax = ComponentResult(name: "softmax", title: "Softmax loss", checks: [
            CheckResult(name: "softmax-cat-loss", component: "softmax", kind: "worked-example", title: "Softmax loss of the cat image",
                        points: 2, status: .notImplemented, problem: .notImplemented, reason: "softmaxLoss is not implemented."),
            CheckResult(name: "softmax-gradient", component: "softmax", kind: "gradient-check", title: "Softmax gradient",
                        points: 2, status: .notImplemented, problem: .notImplemented, reason: "softmaxLoss is not implemented."),
        ])
        let crashOutput = sgdOutput ?? CapturedOutput(text: "epoch 1\nFatal error: Index out of range\n", totalBytes: 38)
        let sgd = ComponentResult(name: "sgd", title: "Stochastic gradient descent", checks: [
            CheckResult(name: "sgd-step", component: "sgd", kind: "optimizer", title: "One SGD step", points: 1,
                        status: .passed, duration: 0.25),
            CheckResult(name: "sgd-crash", component: "sgd", kind: "optimizer", title: "SGD on a tiny problem", points: 2,
                        status: .error, problem: .crash, reason: "The code crashed (signal 4, SIGILL).",
                        output: crashOutput, duration: 0.75),
            CheckResult(name: "sgd-timeout", component: "sgd", kind: "convergence", title: "SGD converges", points: 2,
                        status: .error, problem: .timeout, reason: "The case took longer than 10 s.",
                        output: CapturedOutput(text: "still training\n", totalBytes: 15), duration: 10.004),
            CheckResult(name: "sgd-late", component: "sgd", kind: "reference", title: "LATE-TITLE trajectory",
                        visibility: .afterDueDate, points: 1, status: .failed, problem: .wrongValue,
                        reason: "The trajectory drifts.",
                        comparisons: [Comparison(quantity: "trajectory[3]", expected: "LATE-EXPECTED-3.5", got: "LATE-GOT-0.5",
                                                 relativeError: 0.857, tolerance: tolerance, passed: false)]),
        ])
        var components = [svm, softmax, sgd]
        if withheldPassed {
            for c in components.indices {
                for k in components[c].checks.indices where components[c].checks[k].visibility != .visible {
                    let check = components[c].checks[k]
                    components[c].checks[k] = CheckResult(name: check.name, component: check.component, kind: check.kind, title: check.title,
                                                          visibility: check.visibility, points: check.points, status: .passed,
                                                          duration: check.duration)
                }
            }
        }
        return GradeRun(assignment: AssignmentSummary(id: "assignment3", title: "Linear classifiers", withheldCases: withheldCases),
                        submission: "submissions/alice", seed: 42, build: BuildOutcome(succeeded: true, duration: 3.2),
                        components: components, duration: 14.56789)
    }

    /// The diagnostic of the build-failure run.
    static let buildError = Diagnostic(severity: .error, file: "Sources/Submission/SVM.swift", line: 12, column: 5,
                                       message: "cannot find 'marginz' in scope")

    /// A run whose submission did not compile: every check is a build-failure error.
    static func buildFailure() -> GradeRun {
        let build = BuildOutcome(succeeded: false, diagnostics: [
            buildError,
            Diagnostic(severity: .warning, file: "Sources/Submission/SVM.swift", line: 3, column: 9,
                       message: "variable 'n' was never used"),
        ], log: "error: compile command failed\n", duration: 4.5)
        let checks = ["svm-cat-loss", "svm-gradient"].map {
            CheckResult(name: $0, component: "multiclass-svm", kind: "reference", title: "Case \($0)", points: 2,
                        status: .error, problem: .buildFailure, reason: "The submission did not compile.")
        }
        return GradeRun(assignment: AssignmentSummary(id: "assignment3", title: "Linear classifiers"),
                        submission: "submissions/bob", seed: 7, build: build,
                        components: [ComponentResult(name: "multiclass-svm", title: "Multiclass SVM loss", checks: checks)],
                        duration: 4.6)
    }

    /// Output with everything that breaks XML or terminals: ANSI colours, NUL and other control
    /// bytes, invalid UTF-8, `]]>` and `</testcase>`, then filler up to `size` bytes.
    static func hostileBytes(size: Int = 5 * 1024 * 1024) -> [UInt8] {
        var bytes: [UInt8] = Array("\u{1B}[31mred\u{1B}[0m \u{1B}]0;title\u{07}".utf8)
        bytes += [0x00, 0x01, 0x08, 0x0B, 0x0C, 0x1F, 0x7F]
        bytes += [0xFF, 0xFE, 0xC3, 0x28, 0xED, 0xA0, 0x80] // invalid UTF-8 and an encoded lone surrogate
        bytes += Array("]]> </testcase></testsuite></testsuites> <![CDATA[ x ]]> &amp; <b>\n".utf8)
        let line = Array("loss 0.123456 \u{1B}[1mbold\u{1B}[0m\n".utf8)
        while bytes.count < size { bytes += line }
        bytes += Array("Fatal error: the end\n".utf8)
        return bytes
    }

    /// Hostile output as the engine would capture it.
    static func hostileOutput(size: Int = 5 * 1024 * 1024) -> CapturedOutput {
        let bytes = hostileBytes(size: size)
        return CapturedOutput(text: String(decoding: bytes, as: UTF8.self), truncated: false, totalBytes: bytes.count)
    }
}
