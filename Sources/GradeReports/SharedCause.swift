import GradeResults

/// A cause several checks of one component share, so that a report states it once: one crash
/// every case of the component runs into, one timeout, or one recognised mistake that explains
/// several wrong values.
public struct SharedCause: Sendable, Hashable {
    /// What is shared.
    public enum Kind: Sendable, Hashable {
        /// The worker crashed at the same line of the student's code.
        case crash
        /// The same error with the same reason: a timeout, a limit, a missing registration.
        case error
        /// Wrong values that point to the same misconception.
        case mistake
    }

    /// What is shared.
    public var kind: Kind
    /// The check shown in full, the first in case order.
    public var first: String
    /// The other checks of the cause, in case order.
    public var others: [String]

    /// Every check with a cause that another check of `checks` shares, by case name. Only checks
    /// `audience` may see in full take part: a withheld one is never named beside another.
    ///
    /// Errors group by their problem and crash site (a crash is one cause wherever the input
    /// led it), otherwise by their reason; wrong values group by their problem and the
    /// misconception they point to, and never without one — values that no known mistake
    /// explains each keep their own account.
    public static func find(in checks: [CheckResult], audience: ReportAudience) -> [String: SharedCause] {
        var byKey: [String: (kind: Kind, names: [String])] = [:]
        var order: [String] = []
        for check in checks where audience.showsDetails(of: check) {
            let key: String
            let kind: Kind
            switch check.status {
            case .error:
                if let site = check.crashSite {
                    (key, kind) = ("crash\u{0}\(check.problemName ?? "")\u{0}\(site)", .crash)
                } else {
                    (key, kind) = ("error\u{0}\(check.problemName ?? "")\u{0}\(check.reason ?? "")", .error)
                }
            case .failed:
                guard let misconception = check.misconception, !misconception.isEmpty else { continue }
                (key, kind) = ("mistake\u{0}\(check.problemName ?? "")\u{0}\(misconception)", .mistake)
            case .passed, .notImplemented:
                continue
            }
            if byKey[key] == nil { order.append(key) }
            byKey[key, default: (kind, [])].names.append(check.name)
        }
        var shared: [String: SharedCause] = [:]
        for key in order {
            guard let group = byKey[key], group.names.count > 1 else { continue }
            let cause = SharedCause(kind: group.kind, first: group.names[0], others: Array(group.names.dropFirst()))
            for name in group.names { shared[name] = cause }
        }
        return shared
    }

    /// Said after the first check in full: `The same error ends 2 more cases of this component: c2, c3.`
    public var othersSentence: String {
        let listed = others.prefix(4).joined(separator: ", ") + (others.count > 4 ? " and \(others.count - 4) more" : "")
        let cases = "\(others.count) more case\(others.count == 1 ? "" : "s") of this component"
        switch kind {
        case .crash, .error: return "The same error ends \(cases): \(listed)."
        case .mistake: return "The same mistake explains \(cases): \(listed)."
        }
    }

    /// Said in place of the shared part for a later check: `crashed at the same line as case c1 above`.
    public var laterSentence: String {
        switch kind {
        case .crash: "crashed at the same line as case \(first) above"
        case .error: "the same as case \(first) above"
        case .mistake: "the same mistake as case \(first) above"
        }
    }
}
