/// The 64-bit FNV-1a hash: the one place its constants are written. Fast and stable across
/// machines and runs, for seeds and fingerprints that tell honest inputs apart; no defence
/// against someone who wants a collision, and needs to be none.
public struct FNV1a: Sendable {
    /// The hash of the bytes added so far.
    public private(set) var value: UInt64 = 0xCBF2_9CE4_8422_2325

    /// A hash of nothing added yet.
    public init() {}

    /// Adds one byte.
    public mutating func add(byte: UInt8) {
        value = (value ^ UInt64(byte)) &* 0x100_0000_01B3
    }

    /// Adds the UTF-8 bytes of `text`.
    public mutating func add(_ text: String) {
        for byte in text.utf8 { add(byte: byte) }
    }

    /// Adds the eight bytes of `word`, least significant first.
    public mutating func add(word: UInt64) {
        for shift in stride(from: 0, to: 64, by: 8) { add(byte: UInt8(truncatingIfNeeded: word >> UInt64(shift))) }
    }

    /// The hash of the UTF-8 bytes of `text`.
    public static func hash(_ text: String) -> UInt64 {
        var hash = FNV1a()
        hash.add(text)
        return hash.value
    }
}
