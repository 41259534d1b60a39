import GradeReports
import GradeResults
import Testing

@Suite struct GradebookTests {
    static func entry(_ student: String, total: Double, built: Bool = true, status: Gradebook.Entry.Status = .failed) -> Gradebook.Entry {
        Gradebook.Entry(student: student, status: status, total: total, maxTotal: 10, points: ["svm": total], buildSucceeded: built,
                        seconds: 1.5, graderVersion: "g", casesFingerprint: "c", inputsFingerprint: "i")
    }

    @Test func theCSVHasAColumnAComponentAndQuotesWhatNeedsIt() {
        let book = Gradebook(assignment: "a3", components: ["svm", "softmax"],
                             entries: [Self.entry("zoe, jr.", total: 7), Self.entry("=HYPERLINK(\"x\")", total: 3)])
        let rows = GradebookCSV.write(book).components(separatedBy: "\r\n")
        #expect(rows[0] == "student,total,max_total,svm,softmax,status,build_ok,seconds,seed,grader_version,cases_fingerprint,error")
        // Sorted by student; a formula is made text, a comma quoted.
        #expect(rows[1] == "\"'=HYPERLINK(\"\"x\"\")\",3,10,3,,failed,true,1.500,0,g,c,")
        #expect(rows[2] == "\"zoe, jr.\",7,10,7,,failed,true,1.500,0,g,c,")
    }

    @Test func shardsMergeAndAStudentInTwoIsRefused() throws {
        let one = Gradebook(assignment: "a3", components: ["svm"], entries: [Self.entry("ann", total: 1)])
        let two = Gradebook(assignment: "a3", components: ["svm"], entries: [Self.entry("bea", total: 2)])
        #expect(try Gradebook.merging([two, one]).entries.map(\.student) == ["ann", "bea"])
        #expect(throws: Gradebook.MergeError.self) { try Gradebook.merging([one, one]) }
        let other = Gradebook(assignment: "a4", components: ["svm"], entries: [])
        #expect(throws: Gradebook.MergeError.self) { try Gradebook.merging([one, other]) }
    }

    @Test func theSummaryCountsWhatTheGradebookHolds() {
        let book = Gradebook(assignment: "a3", components: ["svm"],
                             entries: [Self.entry("ann", total: 10, status: .passed), Self.entry("bea", total: 0, built: false),
                                       Self.entry("cy", total: 4), Self.entry("dee", total: 0, status: .couldNotGrade)])
        let summary = ClassSummary(book: book, runs: [:])
        #expect(summary.submissions == 4 && summary.graded == 3)
        #expect(summary.histogram == [1, 0, 0, 0, 1, 0, 0, 0, 0, 1])
        #expect(summary.meanTotal == 14.0 / 3 && summary.medianTotal == 4)
        #expect(summary.buildFailures == ["bea"])
        #expect(summary.notGraded.map(\.student) == ["dee"])
        let html = ClassDashboard.html(summary)
        #expect(html.contains("data-metric=\"submissions\" data-value=\"4\""))
        #expect(!ClassDashboard.html(ClassSummary(book: Gradebook(assignment: "<script>", components: [], entries: []), runs: [:])).contains("<script>"))
    }
}
