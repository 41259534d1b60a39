import Foundation

/// How reports write numbers: values, settings, points, seconds and relative errors. Every
/// number a report shows is written by one of these.
public enum ReportNumber {
    /// A value as checks show it: up to 6 significant digits, an exponent for very large or
    /// small magnitudes, integers without a decimal point, `nan`, `inf` and `-inf`.
    public static func value(_ x: Double) -> String {
        if x.isNaN { return "nan" }
        if x.isInfinite { return x > 0 ? "inf" : "-inf" }
        if x == 0 { return "0" }
        if x == x.rounded() && Swift.abs(x) < 1e15 { return String(Int64(x)) }
        let a = Swift.abs(x)
        if a >= 1e-4 && a < 1e6 {
            var s = String(format: "%.6g", x)
            if s.contains("e") { s = String(format: "%.6f", x) }
            return s
        }
        return String(format: "%.4e", x)
    }

    /// Two values that differ, each with as many significant digits as it takes to show the
    /// difference (`-1.39391` and `-1.39386` rather than `-1.3939` twice).
    public static func distinct(_ a: Double, _ b: Double) -> (String, String) {
        var pair = (value(a), value(b))
        guard a != b, a.isFinite, b.isFinite else { return pair }
        var digits = 7
        while pair.0 == pair.1 && digits <= 17 {
            pair = (String(format: "%.\(digits)g", a), String(format: "%.\(digits)g", b))
            digits += 1
        }
        return pair
    }

    /// A setting such as a tolerance, in C's `%g` form: `1e-06`, `0.005`.
    public static func setting(_ x: Double) -> String { String(format: "%g", x) }

    /// A duration for people: `3 s`, `2.5 s` (one decimal unless whole).
    public static func duration(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? "\(Int(seconds)) s" : String(format: "%.1f s", seconds)
    }

    /// Points as people write them: `2`, `1.5`, `0.25` (at most two decimals, no trailing zeros).
    public static func points(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let hundredths = (value * 100).rounded()
        if hundredths.magnitude >= 1e15 { return String(Int64(value.rounded())) }
        let n = Int64(hundredths)
        let sign = n < 0 ? "-" : ""
        let whole = n.magnitude / 100, fraction = n.magnitude % 100
        if fraction == 0 { return "\(sign)\(whole)" }
        if fraction % 10 == 0 { return "\(sign)\(whole).\(fraction / 10)" }
        return "\(sign)\(whole).\(fraction < 10 ? "0" : "")\(fraction)"
    }

    /// Seconds with exactly three decimals and never an exponent, as JUnit's `time` requires
    /// (`SUREFIRE_TIME` in the Jenkins schema). Negative, infinite and NaN durations become `0.000`.
    public static func seconds(_ value: Double) -> String {
        guard value.isFinite, value > 0 else { return "0.000" }
        let millis = UInt64(min((value * 1000).rounded(), 9.0e15))
        let fraction = millis % 1000
        let padded = fraction < 10 ? "00\(fraction)" : fraction < 100 ? "0\(fraction)" : "\(fraction)"
        return "\(millis / 1000).\(padded)"
    }

    /// A relative error in scientific notation with three significant digits, such as `3.14e-04`.
    public static func relativeError(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "inf" : "-inf" }
        return scientific(value, digits: 2)
    }

    /// `value` as `d.dde±XX` with `digits` decimals, like C's `%.*e`.
    static func scientific(_ value: Double, digits: Int) -> String {
        guard value.magnitude >= 1e-300 else { return "0." + String(repeating: "0", count: digits) + "e+00" }
        let sign = value < 0 ? "-" : ""
        var exponent = Int(value.magnitude.log10Floor)
        let scale = pow10(digits)
        var mantissa = (value.magnitude / pow10(exponent) * scale).rounded()
        if mantissa >= 10 * scale { mantissa /= 10; exponent += 1 }
        if mantissa < scale { mantissa *= 10; exponent -= 1 }
        let m = UInt64(mantissa)
        let whole = m / UInt64(scale), fraction = String(m % UInt64(scale))
        let padded = String(repeating: "0", count: digits - fraction.count) + fraction
        let e = abs(exponent)
        return "\(sign)\(whole)\(digits > 0 ? "." + padded : "")e\(exponent < 0 ? "-" : "+")\(e < 10 ? "0" : "")\(e)"
    }

    private static func pow10(_ n: Int) -> Double {
        var result = 1.0
        for _ in 0..<abs(n) { result *= 10 }
        return n < 0 ? 1 / result : result
    }
}

private extension Double {
    /// ⌊log10(self)⌋ for a positive finite value, found by repeated scaling (no libm needed).
    var log10Floor: Int {
        var x = self, e = 0
        while x >= 10 { x /= 10; e += 1 }
        while x < 1 { x *= 10; e -= 1 }
        return e
    }
}
