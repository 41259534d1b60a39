import FoundationEssentials
import GradeReports
import GradeResults
import Testing
import TestSupport

@Suite struct JUnitReportWriterTests {
    let validator: JUnitSchemaValidator

    init() throws {
        validator = try JUnitSchemaValidator.jenkins()
    }

    // MARK: The validator can fail

    @Test func validatorRejectsADocumentTheSchemaForbids() {
        let xml = """
        <?xml version="1.0"?>
        <testsuites skipped="1">
          <testsuite name="s" tests="1" failures="0">
            <testcase name="c" file="a.swift" line="3"><properties/></testcase>
          </testsuite>
        </testsuites>
        """
        let violations = validator.validate(Data(xml.utf8))
        #expect(violations.count >= 3)
        #expect(violations.allSatisfy { $0.line > 0 })
        #expect(violations.contains { $0.message.contains("skipped") })
        #expect(violations.contains { $0.message.contains("errors") })
    }

    @Test func validatorRejectsATimeWithAnExponent() {
        let xml = #"<testsuites><testsuite name="s" tests="0" failures="0" errors="0" time="1e-07"/></testsuites>"#
        #expect(!validator.validate(Data(xml.utf8)).isEmpty)
    }

    @Test func validatorRejectsMalformedXML() {
        let violations = validator.validate(Data("<testsuites><testsuite></testsuites>".utf8))
        #expect(!violations.isEmpty)
        #expect(violations[0].line == 1)
    }

    @Test func validatorAcceptsAMinimalValidDocument() {
        let xml = #"<testsuites><testsuite name="s" tests="1" failures="0" errors="0"><testcase name="c"/></testsuite></testsuites>"#
        #expect(validator.validate(Data(xml.utf8)) == [])
    }

    // MARK: Shape

    @Test func mixedRunIsValidAgainstTheJenkinsSchema() throws {
        let data = try JUnitReportWriter().write(RunFixture.mixed())
        #expect(validator.validate(data) == [])
    }

    @Test func buildFailureIsValidAgainstTheJenkinsSchema() throws {
        let data = try JUnitReportWriter().write(RunFixture.buildFailure())
        #expect(validator.validate(data) == [])
    }

    @Test func staffReportIsValidAgainstTheJenkinsSchema() throws {
        let data = try JUnitReportWriter(audience: .staff).write(RunFixture.mixed())
        #expect(validator.validate(data) == [])
    }

    @Test func aStudentsFileSkipsTheCasesWhoseVerdictIsWithheld() throws {
        let xml = XMLInspection.text(try JUnitReportWriter().write(RunFixture.mixed()))
        let root = try #require(XMLInspection.attributes(of: "testsuites", in: xml).first)
        #expect(root["tests"] == "10" && root["failures"] == "4" && root["errors"] == "2")
        #expect(XMLInspection.attributes(of: "skipped", in: xml).count == 2)
        let suites = XMLInspection.attributes(of: "testsuite", in: xml)
        #expect(suites.map { $0["failures"] } == ["2", "2", "0"])
        #expect(suites.map { $0["skipped"] } == ["1", "0", "1"])
        let properties = XMLInspection.attributes(of: "property", in: xml)
        #expect(properties.contains { $0["name"] == "multiclass-svm.points" && $0["value"] == "5" })
        #expect(properties.contains { $0["name"] == "multiclass-svm.withheld-points" && $0["value"] == "3" })
        #expect(validator.validate(try JUnitReportWriter().write(RunFixture.mixed())) == [])
    }

    @Test func testsuitesCountsEqualTheRunsCounts() throws {
        let run = RunFixture.mixed()
        let xml = XMLInspection.text(try JUnitReportWriter(audience: .staff).write(run))
        let root = try #require(XMLInspection.attributes(of: "testsuites", in: xml).first)
        #expect(root["tests"] == String(run.checks.count))
        #expect(root["failures"] == String(run.count(.failed) + run.count(.notImplemented)))
        #expect(root["errors"] == String(run.count(.error)))
        #expect(root["time"] == "14.568")
        #expect(root["name"] == "assignment3")
        #expect(XMLInspection.attributes(of: "testcase", in: xml).count == run.checks.count)
        #expect(XMLInspection.attributes(of: "failure", in: xml).count == run.count(.failed) + run.count(.notImplemented))
        #expect(XMLInspection.attributes(of: "error", in: xml).count == run.count(.error))
    }

    @Test func eachComponentIsOneFlatSuiteWithPointsAsProperties() throws {
        let xml = XMLInspection.text(try JUnitReportWriter(audience: .staff).write(RunFixture.mixed()))
        let suites = XMLInspection.attributes(of: "testsuite", in: xml)
        #expect(suites.map { $0["name"] } == ["assignment3.multiclass-svm", "assignment3.softmax", "assignment3.sgd"])
        #expect(suites.map { $0["tests"] } == ["4", "2", "4"])
        #expect(suites.map { $0["failures"] } == ["3", "2", "1"])
        #expect(suites.map { $0["errors"] } == ["0", "0", "2"])
        let properties = XMLInspection.attributes(of: "property", in: xml)
        #expect(properties.contains { $0["name"] == "multiclass-svm.points" && $0["value"] == "8" })
        #expect(properties.contains { $0["name"] == "multiclass-svm.score" && $0["value"] == "1" })
        // No name twice in the file: xunitparser reads every suite's properties into one table.
        let names = properties.compactMap { $0["name"] }
        #expect(Set(names).count == names.count, "\(names)")
    }

    @Test func classnameIsAssignmentDotComponentAndNameIsTheCase() throws {
        let xml = XMLInspection.text(try JUnitReportWriter().write(RunFixture.mixed()))
        let cases = XMLInspection.attributes(of: "testcase", in: xml)
        #expect(cases[0]["classname"] == "assignment3.multiclass-svm")
        #expect(cases[0]["name"] == "svm-cat-loss")
        #expect(cases[0]["time"] == "0.012")
        #expect(cases[2]["time"] == "0.000")
        #expect(Set(cases.compactMap { $0["name"] }).count == cases.count)
    }

    @Test func failuresAndErrorsAreTypedByProblem() throws {
        let xml = XMLInspection.text(try JUnitReportWriter(audience: .staff).write(RunFixture.mixed()))
        let failures = XMLInspection.attributes(of: "failure", in: xml).compactMap { $0["type"] }
        let errors = XMLInspection.attributes(of: "error", in: xml).compactMap { $0["type"] }
        #expect(failures == ["wrong-value", "wrong-gradient", "wrong-value", "not-implemented", "not-implemented", "wrong-value"])
        #expect(errors == ["crash", "timeout"])
    }

    @Test func failureTextCarriesTheDetail() throws {
        let xml = XMLInspection.text(try JUnitReportWriter().write(RunFixture.mixed()))
        for piece in ["loss: expected 1.2345, got 2.469", "relative error 1.00e+00", "tolerance rtol 1e-6, atol 1e-9",
                      "The loss is about twice the expected value.",
                      "This pattern usually means: Counting the correct class in the sum of margins.",
                      "Hint: Skip j == y_i when summing margins."] {
            #expect(xml.contains(piece), "missing: \(piece)")
        }
        #expect(xml.contains(#"message="The loss is about twice the expected value.""#))
    }

    @Test func crashOutputGoesToSystemOut() throws {
        let xml = XMLInspection.text(try JUnitReportWriter().write(RunFixture.mixed()))
        #expect(xml.contains("<system-out>epoch 1\nFatal error: Index out of range\n</system-out>"))
    }

    @Test func buildFailureAddsABuildSuiteWithOneError() throws {
        let run = RunFixture.buildFailure()
        let xml = XMLInspection.text(try JUnitReportWriter().write(run))
        let root = try #require(XMLInspection.attributes(of: "testsuites", in: xml).first)
        #expect(root["tests"] == String(run.checks.count + 1))
        // One error, the build's: every case that never ran is skipped, so that a CI page
        // annotates the compile error once, not once a case.
        #expect(root["errors"] == "1")
        #expect(XMLInspection.attributes(of: "error", in: xml).count == 1)
        #expect(XMLInspection.attributes(of: "skipped", in: xml).map { $0["message"] } == Array(repeating: JUnitReportWriter.neverRanMessage, count: run.checks.count))
        let suites = XMLInspection.attributes(of: "testsuite", in: xml)
        #expect(suites.first?["name"] == "assignment3.build")
        #expect(XMLInspection.attributes(of: "error", in: xml).first?["type"] == "build-failure")
        #expect(xml.contains(RunFixture.buildError.formatted.replacing("'", with: "&apos;"))
                || xml.contains(RunFixture.buildError.formatted))
    }

    // MARK: Hostile output

    @Test func hostileOutputYieldsValidTruncatedXML() throws {
        let output = RunFixture.hostileOutput()
        let data = try JUnitReportWriter(audience: .staff).write(RunFixture.mixed(sgdOutput: output))
        #expect(validator.validate(data) == [])
        #expect(data.count < 2 * 1024 * 1024)
        #expect(!data.contains(0x1B))
        #expect(!data.contains(0x00))
        let xml = XMLInspection.text(data)
        #expect(xml.contains("… [truncated: \(output.totalBytes) bytes in all]"))
        #expect(xml.contains("]]&gt; &lt;/testcase&gt;&lt;/testsuite&gt;&lt;/testsuites&gt; &lt;![CDATA["))
        #expect(xml.contains("&amp;amp;"))
        #expect(!xml.contains("<![CDATA["))
        #expect(xml.contains("Fatal error: the end"))
        #expect(XMLInspection.attributes(of: "testcase", in: xml).count == RunFixture.mixed().checks.count)
    }

    @Test func hostileStringsInNamesAndReasonsAreSanitized() throws {
        var run = RunFixture.mixed()
        run.components[0].checks[1].reason = "bad \u{0}\u{1B}[31mreason\u{1B}[0m ]]> </testcase>\u{FFFF}"
        run.components[0].checks[1].name = "case\u{1}\"<name>&"
        run.assignment.id = "assign\u{7}ment"
        let data = try JUnitReportWriter().write(run)
        #expect(validator.validate(data) == [])
        let xml = XMLInspection.text(data)
        #expect(xml.contains("bad reason ]]&gt; &lt;/testcase&gt;\u{FFFD}"))
        #expect(xml.contains(#"name="case&quot;&lt;name&gt;&amp;""#))
    }

    @Test func wholeFileOutputBudgetIsRespected() throws {
        var run = RunFixture.mixed()
        let output = RunFixture.hostileOutput(size: 200_000)
        for c in run.components.indices { for k in run.components[c].checks.indices { run.components[c].checks[k].output = output } }
        let limits = JUnitReportWriter.Limits(outputBytesPerCase: 10_000, outputBytesInAll: 25_000)
        let data = try JUnitReportWriter(audience: .staff, limits: limits).write(run)
        #expect(validator.validate(data) == [])
        #expect(data.count < 25_000 + 20_000)
        #expect(XMLInspection.text(data).contains("<system-out>… [truncated: \(output.totalBytes) bytes in all]"))
    }

    @Test func gitLabsAttachmentDirectiveInStudentOutputDoesNothing() throws {
        let check = CheckResult(name: "c", component: "multiclass-svm", kind: "reference", title: "C", points: 1, status: .failed,
                                problem: .wrongValue, reason: "see [[ATTACHMENT|/etc/passwd]]",
                                output: CapturedOutput(text: "[[attachment|secret.txt]] and [[ATTACHMENT|x]]"))
        let run = GradeRun(assignment: AssignmentSummary(id: "a", title: "A"), submission: "s", seed: 0, build: BuildOutcome(succeeded: true),
                           components: [ComponentResult(name: "multiclass-svm", title: "SVM", checks: [check])], duration: 0)
        let xml = XMLInspection.text(try JUnitReportWriter().write(run))
        #expect(!xml.lowercased().contains("[[attachment|"), "\(xml)")
        #expect(xml.contains("[ [ATTACHMENT|x]]"))
    }

    @Test func everyFailureTextStartsWithItsMessage() throws {
        // Reporters that show the message and the text (EnricoMi's) show it once when one starts the other.
        for run in [RunFixture.mixed(), RunFixture.buildFailure()] {
            for audience in [ReportAudience.student, .staff] {
                let xml = XMLInspection.text(try JUnitReportWriter(audience: audience).write(run))
                var checked = 0
                for element in ["failure", "error"] {
                    for match in xml.matches(of: try Regex("<\(element) [^>]*message=\"([^\"]*)\"[^>]*>([^<]*)</\(element)>")) {
                        let message = String(match.output[1].substring ?? ""), text = String(match.output[2].substring ?? "")
                        let opening = message.hasSuffix("…") ? String(message.dropLast()) : message
                        #expect(text.hasPrefix(opening), "'\(text.prefix(120))' does not start with '\(message)'")
                        checked += 1
                    }
                }
                #expect(checked > 0)
            }
        }
    }

    @Test func theBuildTestIsNotNamedLikeAFile() throws {
        let xml = XMLInspection.text(try JUnitReportWriter().write(RunFixture.buildFailure()))
        let names = XMLInspection.attributes(of: "testcase", in: xml).compactMap { $0["name"] }
        #expect(names.first == "the submission compiles")
    }
}
