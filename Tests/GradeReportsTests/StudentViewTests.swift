import FoundationEssentials
import GradeReports
import GradeResults
import Testing

/// The student-view rule, checked across every writer at once.
@Suite struct StudentViewTests {
    static func reports(_ audience: ReportAudience) throws -> [(String, String)] {
        let run = RunFixture.mixed()
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
}
