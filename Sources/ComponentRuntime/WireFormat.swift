import Foundation
import GradeKit

/// The encoding of requests and responses between the grader and a worker: one JSON line
/// each, non-finite numbers as the strings `inf`, `-inf` and `nan`, and matrices in their
/// compact form: the IEEE 754 binary64 bits of their entries, little-endian and row-major, in
/// Base64 (``Base64Entries``).
public enum WireFormat {
    /// The encoder both sides write with.
    public static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        encoder.userInfo[Matrix.compactEncoding] = Base64Entries()
        // Base64 has slashes: escaped, they would send a long string down the decoder's slow path.
        encoder.outputFormatting = .withoutEscapingSlashes
        return encoder
    }

    /// The decoder both sides read with; it reads either form of a matrix.
    public static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        decoder.userInfo[Matrix.compactEncoding] = Base64Entries()
        return decoder
    }
}

/// Matrix entries as the Base64 of their bits: every bit kept, NaN and infinities included,
/// 10.7 characters an entry, and read without parsing a decimal.
public struct Base64Entries: CompactMatrixCoding {
    /// Creates the coding.
    public init() {}

    public func text(of entries: [Double]) -> String {
        #if _endian(little)
        return entries.withUnsafeBytes { Data($0) }.base64EncodedString()
        #else
        return entries.map(\.bitPattern.littleEndian).withUnsafeBytes { Data($0) }.base64EncodedString()
        #endif
    }

    public func entries(from text: String, count: Int) -> [Double]? {
        let (bytes, overflow) = count.multipliedReportingOverflow(by: 8)
        guard !overflow, let data = Data(base64Encoded: text), data.count == bytes else { return nil }
        let entries = [Double](unsafeUninitializedCapacity: count) { buffer, initialized in
            data.withUnsafeBytes { raw in _ = raw.copyBytes(to: UnsafeMutableRawBufferPointer(buffer)) }
            initialized = count
        }
        #if _endian(little)
        return entries
        #else
        return entries.map { Double(bitPattern: UInt64(littleEndian: $0.bitPattern)) }
        #endif
    }
}
