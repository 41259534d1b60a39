import Foundation
import GradeReports
import GradeResults
import Testing

/// The student-view rule, checked across every writer at once.
@Suite struct StudentViewTests {
    static func reports(_ audience: ReportAudience, _ run: GradeRun = RunFixture.mixed()) throws -> [(String, String)] {
        return [
            ("console", ConsoleReportWriter(options: .init(verbose: true, audience: audience)).write(run)),
            ("junit", XMLInspection.text(try JUnitReportWriter(audience: audience).write(run))),
            ("gradescope", XMLInspection.text(try GradescopeReportWriter(audience: audience).write(run))),
            ("gradescope-md", XMLInspection.text(try GradescopeReportWriter(audience: audience, outputFormat: .markdown).write(run))),
            ("markdown", MarkdownReportWriter(audience: audience).write(run)),
        ]
    }

    @Test func hiddenCaseDetailsNeverReachStudents() throws {
        for audience in [ReportAudience.student, .studentAfterDueDate] {
            for (writer, text) in try Self.reports(audience) {
                for secret in RunFixture.hiddenSecrets {
                    #expect(!text.contains(secret), "\(writer) shows \(secret) to \(audience)")
                }
                // Its name can hold the answer: no report for students names it; those that list
                // cases call it by its place, the Markdown summary counts it in one line.
                #expect(!text.contains("svm-hidden-batch"), "\(writer) names the hidden case to \(audience)")
                if writer != "markdown" && writer != "gradescope-md" {
                    #expect(text.contains("hidden case 1 of multiclass-svm"), "\(writer) does not list the hidden case")
                }
            }
        }
    }

    @Test func afterDueDateDetailsWaitForTheDueDate() throws {
        for (writer, text) in try Self.reports(.student) {
            for secret in RunFixture.lateSecrets {
                #expect(!text.contains(secret), "\(writer) shows \(secret) before the due date")
            }
        }
    }

    @Test func staffSeeHiddenDetails() throws {
        for (writer, text) in try Self.reports(.staff) where writer != "markdown" && writer != "gradescope-md" {
            #expect(text.contains("HIDDEN-EXPECTED-7.123"), "\(writer) hides the expected value from staff")
        }
    }

    /// Gradescope's top-level output, which every student reads at once (its tests carry the
    /// grade, and Gradescope itself hides the withheld ones).
    static func gradescopeSummary(_ run: GradeRun, _ audience: ReportAudience) throws -> String {
        let object = try JSONSerialization.jsonObject(with: try GradescopeReportWriter(audience: audience).write(run)) as? [String: Any]
        return try #require(object?["output"] as? String)
    }

    @Test func aWithheldVerdictChangesNothingAStudentReads() throws {
        // The same submission but for the hidden and after-due-date cases, which fail in one run
        // and pass in the other: every report for students reads the same, byte for byte.
        let failed = RunFixture.mixed(), passed = RunFixture.mixed(withheldPassed: true)
        for ((writer, a), (_, b)) in zip(try Self.reports(.student, failed), try Self.reports(.student, passed)) where !writer.hasPrefix("gradescope") {
            #expect(a == b, "\(writer) tells a withheld verdict")
        }
        #expect(try Self.gradescopeSummary(failed, .student) == Self.gradescopeSummary(passed, .student))
        #expect(try Self.gradescopeSummary(failed, .staff) == Self.gradescopeSummary(passed, .staff))
        // Nor does the exit status; staff's counts every case.
        let onlyWithheldFail = RunFixture.mixed(withheldPassed: false)
        let clean = GradeRun(assignment: onlyWithheldFail.assignment, submission: "s", seed: 0, build: onlyWithheldFail.build,
                             components: onlyWithheldFail.components.map { component in
                                 ComponentResult(name: component.name, title: component.title,
                                                 checks: component.checks.filter { $0.visibility != .visible })
                             }, duration: 1)
        #expect(clean.allPassed(for: .student))
        #expect(!clean.allPassed(for: .staff))
        #expect(!clean.allPassed(for: .studentAfterDueDate))
        #expect(clean.count(.failed, for: .student) == 0 && clean.count(.failed, for: .staff) == 2)
    }

    @Test func underWithheldCasesVerdictStudentsLearnTheVerdictButNoDetail() throws {
        let failed = RunFixture.mixed(withheldCases: .verdict), passed = RunFixture.mixed(withheldPassed: true, withheldCases: .verdict)
        let a = try Self.reports(.student, failed), b = try Self.reports(.student, passed)
        for ((writer, x), (_, y)) in zip(a, b) where writer == "console" || writer == "junit" {
            #expect(x != y, "\(writer) hides a verdict the assignment shows")
        }
        for (writer, text) in a {
            for secret in RunFixture.hiddenSecrets { #expect(!text.contains(secret), "\(writer) shows \(secret)") }
        }
        #expect(!failed.allPassed(for: .student))
    }
}
