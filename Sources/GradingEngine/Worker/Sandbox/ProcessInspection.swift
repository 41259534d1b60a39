import Foundation

import Glibc

/// What the kernel says about a running process, read from the grader's side in `/proc`, so
/// that nothing the process itself runs can misreport it.
struct ProcessInspection {
    /// The process inspected.
    let pid: pid_t
    /// The fields of `/proc/<pid>/status`, by name.
    let status: [String: String]
    /// The soft and hard limits of `/proc/<pid>/limits`, by the kernel's name (`Max address space`).
    let limits: [String: (soft: String, hard: String)]

    /// Reads the process's status and limits; nil when the process is gone or unreadable.
    init?(pid: pid_t) {
        self.pid = pid
        guard let statusText = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
        var status: [String: String] = [:]
        for line in statusText.split(separator: "\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            status[String(line[..<colon])] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        self.status = status
        var limits: [String: (soft: String, hard: String)] = [:]
        if let limitsText = try? String(contentsOfFile: "/proc/\(pid)/limits", encoding: .utf8) {
            for line in limitsText.split(separator: "\n").dropFirst() {
                // Names are padded to 26 columns, values to 21: `Max address space  2147483648  2147483648  bytes`.
                let name = line.prefix(26).trimmingCharacters(in: .whitespaces)
                let values = line.dropFirst(26).split(separator: " ", omittingEmptySubsequences: true)
                if values.count >= 2 { limits[name] = (String(values[0]), String(values[1])) }
            }
        }
        self.limits = limits
    }

    /// The real, effective, saved and file-system user ids, as the grader's namespace sees them.
    var userIDs: [UInt32] { ids("Uid") }
    /// The same four group ids.
    var groupIDs: [UInt32] { ids("Gid") }

    /// True when no capability is effective, permitted or ambient.
    var hasNoCapabilities: Bool {
        ["CapEff", "CapPrm", "CapAmb"].allSatisfy { name in
            guard let value = status[name] else { return name == "CapAmb" }
            return UInt64(value, radix: 16) == 0
        }
    }

    /// True when `no_new_privs` is set.
    var hasNoNewPrivileges: Bool { status["NoNewPrivs"] == "1" }

    /// True when a seccomp filter is installed (mode 2).
    var hasSeccompFilter: Bool { status["Seccomp"] == "2" }

    /// The namespaces (`mnt`, `pid`, `net`, `ipc`, `uts`, `user`) the process shares with the grader.
    func sharedNamespaces(_ names: [String]) -> [String] {
        names.filter { name in
            guard let theirs = Self.namespace("/proc/\(pid)/ns/\(name)"), let ours = Self.namespace("/proc/self/ns/\(name)") else {
                return true
            }
            return theirs == ours
        }
    }

    /// The paths the process can reach through its root, among `paths` (absolute).
    func visiblePaths(_ paths: [String]) -> [String] {
        paths.filter { path in
            var info = stat()
            return stat("/proc/\(pid)/root" + path, &info) == 0
        }
    }

    /// The limit `name` is `value` for both soft and hard limits (`unlimited` for nil).
    func hasLimit(_ name: String, _ value: UInt64?) -> Bool {
        guard let limit = limits[name] else { return false }
        let expected = value.map(String.init) ?? "unlimited"
        return limit.soft == expected && limit.hard == expected
    }

    private func ids(_ field: String) -> [UInt32] {
        (status[field] ?? "").split(whereSeparator: { $0 == "\t" || $0 == " " }).compactMap { UInt32($0) }
    }

    private static func namespace(_ path: String) -> String? {
        var buffer = [CChar](repeating: 0, count: 256)
        let count = readlink(path, &buffer, buffer.count - 1)
        guard count > 0 else { return nil }
        return String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
