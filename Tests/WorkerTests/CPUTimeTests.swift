import Foundation
@testable import GradingEngine
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The CPU time the supervisor measures from outside, read from `/proc/<pid>/stat`.
@Suite struct CPUTimeTests {
    @Test func theGradersOwnCPUTimeIsReadAndGrowsWithWork() throws {
        let before = try #require(CPUTime.seconds(of: getpid()))
        var x = 0.0
        let started = Monotonic.now()
        while Monotonic.now() - started < 0.3 { x += sin(x + 1) }
        let after = try #require(CPUTime.seconds(of: getpid()))
        #expect(after > before, "after \(x)")
    }

    @Test func aProcessThatIsGoneHasNoCPUTime() {
        #expect(CPUTime.seconds(of: Int32.max) == nil)
    }
}
