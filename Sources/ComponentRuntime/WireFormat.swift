import Foundation
import GradeKit
import Synchronization

/// The encoding of requests and responses between the grader and a worker: JSON,
/// non-finite numbers as the strings `inf`, `-inf` and `nan`, and matrices in their compact
/// form, the IEEE 754 binary64 bits of their entries, little-endian and row-major.
///
/// A response is one JSON line, its matrices in Base64 (``Base64Entries``). A request is
/// framed so that the megabytes of a CIFAR-size input are never written into, escaped in or
/// scanned out of a JSON string: a line with the decimal byte count of its attachments, the
/// attachments (the raw bits of every matrix of at least ``attachedEntries`` entries), then
/// the JSON line, whose matrices refer to their bytes as `"@offset"` (``AttachedEntries``).
/// A large normal input the grader drew itself is not attached at all: the JSON holds its
/// recipe, and the worker draws it again (``DrawnMatrix``).
public enum WireFormat {
    /// Matrices with at least this many entries travel as attachments of a request.
    public static let attachedEntries = 512

    /// The bytes of `request` as a worker reads them with ``readRequest(line:bytes:)``.
    ///
    /// The count line is the attachments' byte count zero-padded to ``countDigits`` digits. The
    /// attachments stay in the matrices that hold them (``Frame``): the megabytes of a large
    /// input are written to the worker from where they are, never copied into a message first.
    public static func frame(_ request: WorkerRequest) throws -> Frame {
        let attachments = AttachmentWriter()
        let encoder = encoder()
        encoder.userInfo[Matrix.compactEncoding] = AttachedEntries(writer: attachments, drawn: request.drawn)
        let json = try encoder.encode(request)
        let (parts, length) = attachments.written.withLock { ($0.parts, $0.length) }
        let count = String(length)
        precondition(count.utf8.count <= countDigits)
        let header = Array((String(repeating: "0", count: countDigits - count.utf8.count) + count + "\n").utf8)
        return Frame(parts: [.bytes(header)] + parts + [.bytes(Array(json) + [UInt8(ascii: "\n")])])
    }

    /// The digits of a request's count line.
    static let countDigits = 19

    /// Reads one framed request: `line()` gives the next line (without its newline), `bytes(n)`
    /// the next `n` bytes. Nil at the end of the input. Drawn inputs are taken from `kept` when
    /// it holds them, and kept there for the next request.
    ///
    /// - Throws: `DecodingError` when the frame or the JSON is malformed.
    public static func readRequest(line: () -> String?, bytes: (Int) -> [UInt8]?,
                                   keeping kept: DrawnInputs = DrawnInputs()) throws -> WorkerRequest? {
        guard let header = line() else { return nil }
        guard let count = Int(header), count >= 0, let attached = bytes(count), let text = line() else {
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "the request's frame is malformed"))
        }
        let decoder = decoder()
        decoder.userInfo[Matrix.compactEncoding] = AttachedEntries(bytes: attached, kept: kept)
        return try kept.reading { try decoder.decode(WorkerRequest.self, from: Data(text.utf8)) }
    }

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
        EntryBits.withBytes(of: entries) { Data($0) }.base64EncodedString()
    }

    public func entries(from text: String, count: Int) -> [Double]? {
        guard let length = EntryBits.length(of: count), let data = Data(base64Encoded: text), data.count == length else { return nil }
        return data.withUnsafeBytes { EntryBits.entries(from: $0, count: count) }
    }
}

/// The IEEE 754 binary64 bits of matrix entries, little-endian and row-major: the one place
/// both compact codings turn entries into bytes and back.
enum EntryBits {
    /// The byte count of `count` entries, or nil when it overflows.
    static func length(of count: Int) -> Int? {
        let (length, overflow) = count.multipliedReportingOverflow(by: 8)
        return overflow ? nil : length
    }

    /// Calls `body` with the bytes of `entries`.
    static func withBytes<R>(of entries: [Double], _ body: (UnsafeRawBufferPointer) -> R) -> R {
        #if _endian(little)
        return entries.withUnsafeBytes(body)
        #else
        return entries.map(\.bitPattern.littleEndian).withUnsafeBytes(body)
        #endif
    }

    /// `count` entries from `raw`, which holds exactly their bytes.
    static func entries(from raw: UnsafeRawBufferPointer, count: Int) -> [Double] {
        let entries = [Double](unsafeUninitializedCapacity: count) { buffer, initialized in
            UnsafeMutableRawBufferPointer(buffer).copyMemory(from: raw)
            initialized = count
        }
        #if _endian(little)
        return entries
        #else
        return entries.map { Double(bitPattern: UInt64(littleEndian: $0.bitPattern)) }
        #endif
    }
}

/// Matrix entries of a request: the large ones as `"@offset"` into the request's attachments,
/// or as the recipe the worker draws them from (``DrawnMatrix``), the small ones in Base64 as
/// in a response.
struct AttachedEntries: CompactMatrixCoding {
    private let writer: AttachmentWriter?
    private let drawn: [DrawnMatrix]
    private let attached: [UInt8]
    private let kept: DrawnInputs?

    /// The coding of a request being written, which sends the entries of `drawn` as recipes.
    init(writer: AttachmentWriter, drawn: [DrawnMatrix] = []) {
        self.writer = writer
        self.drawn = drawn
        attached = []
        kept = nil
    }

    /// The coding of a request being read, with its attachments and the drawn inputs kept.
    init(bytes: [UInt8], kept: DrawnInputs) {
        writer = nil
        drawn = []
        attached = bytes
        self.kept = kept
    }

    func text(of entries: [Double]) -> String {
        guard let writer, entries.count >= WireFormat.attachedEntries else { return Base64Entries().text(of: entries) }
        if let recipe = drawn.first(where: { $0.matrix.isStorage(of: entries) }) { return recipe.text }
        return "@\(writer.append(entries))"
    }

    /// A deferred draw described by `drawn` by its recipe, without drawing it; anything else by
    /// its entries.
    func text(of matrix: Matrix) -> String {
        if writer != nil, let recipe = drawn.first(where: { $0.matrix.isDeferred(like: matrix) }) { return recipe.text }
        return text(of: matrix.elements)
    }

    func entries(from text: String, count: Int) -> [Double]? {
        if text.hasPrefix(DrawnMatrix.prefix) { return DrawnMatrix.entries(from: text, count: count, kept: kept ?? DrawnInputs()) }
        guard text.hasPrefix("@") else { return Base64Entries().entries(from: text, count: count) }
        guard let length = EntryBits.length(of: count), let offset = Int(text.dropFirst()), offset >= 0,
              offset <= attached.count - length else { return nil }
        return attached.withUnsafeBytes { EntryBits.entries(from: UnsafeRawBufferPointer(rebasing: $0[offset..<(offset + length)]), count: count) }
    }
}

/// The attachments of a request being written, in order, and their length in bytes.
final class AttachmentWriter: Sendable {
    let written = Mutex<(parts: [Frame.Part], length: Int)>(([], 0))
    /// Where the entries of each array already attached start, by the address of its storage:
    /// an array attached again (the direction of both calls of a directional derivative) is
    /// sent once. Each array is held here, so that no address is reused while framing.
    private let offsets = Mutex<[UInt: (entries: [Double], offset: Int)]>([:])

    /// Appends `entries`, unless the same array was appended already, and says at which byte
    /// of the attachments they start.
    func append(_ entries: [Double]) -> Int {
        let address = entries.withUnsafeBufferPointer { UInt(bitPattern: $0.baseAddress) }
        if let offset = offsets.withLock({ $0[address]?.offset }) { return offset }
        let offset = written.withLock { written in
            let offset = written.length
            #if _endian(little)
            written.parts.append(.entries(entries))
            #else
            written.parts.append(.bytes(EntryBits.withBytes(of: entries) { Array($0) }))
            #endif
            written.length += entries.count * 8
            return offset
        }
        offsets.withLock { $0[address] = (entries, offset) }
        return offset
    }
}

/// A framed request: its bytes as a sequence of parts, the large matrices' entries in the
/// arrays that already hold them, so that framing copies none of them.
public struct Frame: Sendable {
    /// One stretch of the message.
    enum Part: Sendable {
        case bytes([UInt8])
        /// Entries whose memory is their bytes (little-endian binary64).
        case entries([Double])

        var count: Int {
            switch self {
            case .bytes(let bytes): bytes.count
            case .entries(let entries): entries.count * 8
            }
        }
    }

    private let parts: [Part]
    /// Where each part starts in the message.
    private let starts: [Int]
    /// The message's length in bytes.
    public let count: Int

    init(parts: [Part]) {
        self.parts = parts
        let ends = parts.reduce(into: [Int]()) { $0.append(($0.last ?? 0) + $1.count) }
        starts = [0] + ends.dropLast()
        count = ends.last ?? 0
    }

    /// Calls `body` with the bytes from `offset` to the end of the part that holds it (empty at the end).
    public func withBytes<R>(from offset: Int, _ body: (UnsafeRawBufferPointer) -> R) -> R {
        guard offset < count, let index = starts.lastIndex(where: { $0 <= offset }) else { return body(UnsafeRawBufferPointer(start: nil, count: 0)) }
        let skip = offset - starts[index]
        switch parts[index] {
        case .bytes(let bytes): return bytes.withUnsafeBytes { body(UnsafeRawBufferPointer(rebasing: $0[skip...])) }
        case .entries(let entries): return entries.withUnsafeBytes { body(UnsafeRawBufferPointer(rebasing: $0[skip...])) }
        }
    }

    /// The whole message in one array.
    public var bytes: [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count)
        while bytes.count < count { withBytes(from: bytes.count) { bytes.append(contentsOf: $0) } }
        return bytes
    }
}

/// A large normal input the worker draws itself from the grader's recipe, instead of reading
/// its megabytes from the request: `Matrix.normal` with the same generator, mean and scale
/// gives the same entries bit for bit, in a fraction of the time the bytes take to cross the
/// pipe. A matrix travels this way only while it is the very matrix described (the same
/// storage, or the same deferred draw, so unchanged); any other value, a changed copy
/// included, is sent as bytes.
///
/// A matrix the grader drew is described with the wrapping sum of its entries' bits, and the
/// worker refuses entries whose sum differs, so that it can never grade on inputs other than
/// the grader's. A deferred one (``init(deferring:rows:columns:)``) is the recipe's own draw,
/// made in the grader only if something there reads an entry: it needs no sum, and a gradient
/// check, which reads none, never draws it in the grader at all.
public struct DrawnMatrix: Sendable {
    /// The matrix described: the grader's draw, or the deferred draw of the recipe.
    public let matrix: Matrix
    /// How it was drawn.
    public let recipe: Recipe
    /// The recipe and checksum, as the matrix's entries are written in a request.
    let text: String

    /// How a large normal input is drawn: the first `count` draws of `mean + scale · N(0, 1)`
    /// from a generator just created with `seed`, as `Matrix.normal(rows:columns:mean:scale:using:)`.
    public struct Recipe: Sendable, Hashable, Codable {
        /// The generator's seed.
        public let seed: UInt64
        /// The mean and scale of the entries.
        public let mean: Double
        public let scale: Double
        /// The number of entries.
        public let count: Int

        /// Creates a recipe.
        public init(seed: UInt64, mean: Double, scale: Double, count: Int) {
            self.seed = seed
            self.mean = mean
            self.scale = scale
            self.count = count
        }

        /// The entries, drawn.
        func draw() -> [Double] {
            var generator = SeededGenerator(seed: seed)
            return Matrix.normal(rows: 1, columns: count, mean: mean, scale: scale, using: &generator).elements
        }
    }

    /// The smallest matrix sent as a recipe: below it, the bytes are as quick.
    public static let smallestEntries = 1 << 16

    /// Describes `matrix`, drawn by `Matrix.normal(rows:columns:mean:scale:using:)` from a
    /// generator just created with `seed`.
    public init(matrix: Matrix, seed: UInt64, mean: Double, scale: Double) {
        self.init(matrix: matrix, recipe: Recipe(seed: seed, mean: mean, scale: scale, count: matrix.count))
    }

    /// Describes `matrix`, drawn by `recipe`, whose count is the matrix's.
    public init(matrix: Matrix, recipe: Recipe) {
        self.matrix = matrix
        self.recipe = recipe
        text = Self.text(of: recipe, checksum: Self.checksum(matrix.elements))
    }

    /// The `rows × columns` matrix of `recipe`'s entries, drawn the first time an entry is read
    /// (in the grader, on the thread that reads it), and the recipe the worker draws it from.
    public init(deferring recipe: Recipe, rows: Int, columns: Int) {
        precondition(rows >= 0 && columns >= 0 && rows.multipliedReportingOverflow(by: columns) == (recipe.count, false),
                     "a \(rows)×\(columns) matrix cannot hold the \(recipe.count) entries of its recipe")
        matrix = Matrix(rows: rows, columns: columns, deferred: { recipe.draw() })
        self.recipe = recipe
        text = Self.text(of: recipe, checksum: nil)
    }

    private static func text(of recipe: Recipe, checksum: UInt64?) -> String {
        ([Self.prefix, String(recipe.seed), String(recipe.mean.bitPattern), String(recipe.scale.bitPattern)]
            + (checksum.map { [String($0)] } ?? [])).joined(separator: " ")
    }

    static let prefix = "%normal"

    /// The entries of a recipe, from `kept` or drawn; nil when it is malformed or its entries
    /// are not those it describes.
    static func entries(from text: String, count: Int, kept: DrawnInputs) -> [Double]? {
        let fields = text.split(separator: " ")
        guard fields.count == 4 || fields.count == 5, fields[0] == prefix, let seed = UInt64(fields[1]), let mean = UInt64(fields[2]),
              let scale = UInt64(fields[3]), count >= 0 else { return nil }
        var checksum: UInt64?
        if fields.count == 5 {
            guard let sum = UInt64(fields[4]) else { return nil }
            checksum = sum
        }
        return kept.entries(of: Recipe(seed: seed, mean: Double(bitPattern: mean), scale: Double(bitPattern: scale), count: count),
                            checksum: checksum)
    }

    /// The wrapping sum of the entries' bit patterns.
    static func checksum(_ entries: [Double]) -> UInt64 {
        entries.withUnsafeBufferPointer { buffer in buffer.reduce(0 as UInt64) { $0 &+ $1.bitPattern } }
    }
}

/// The drawn inputs a worker keeps: those of its last request, or those a request that only
/// prepares (``WorkerRequest/prepare``) asked it to draw while the grader gets ready. Each is
/// kept with the wrapping sum of its bits when drawn, and given to a request only while its
/// entries still have that sum (and the request's, when it names one): a kept array that was
/// changed in place is drawn again, never used.
public final class DrawnInputs: Sendable {
    /// Entries as drawn, and their sum then.
    private struct Kept: Sendable {
        let entries: [Double]
        let checksum: UInt64
    }

    private let kept = Mutex<[DrawnMatrix.Recipe: Kept]>([:])
    /// The recipes the request being read has used so far.
    private let used = Mutex<[DrawnMatrix.Recipe: Kept]>([:])

    /// Creates an empty store.
    public init() {}

    /// Draws the entries of `recipes` and keeps them, in place of whatever was kept.
    public func prepare(_ recipes: [DrawnMatrix.Recipe]) {
        let wanted = Set(recipes)
        // What is not wanted goes before anything is drawn, so that memory holds one set at a time.
        var entries = kept.withLock { kept in
            let old = kept.filter { wanted.contains($0.key) }
            kept = [:]
            return old
        }
        for recipe in recipes where entries[recipe] == nil { entries[recipe] = Self.draw(recipe) }
        kept.withLock { $0 = entries }
    }

    private static func draw(_ recipe: DrawnMatrix.Recipe) -> Kept {
        let entries = recipe.draw()
        return Kept(entries: entries, checksum: DrawnMatrix.checksum(entries))
    }

    /// Reads a request with `read`; when it has calls, the drawn inputs it used are kept for
    /// the next, and nothing else.
    func reading(_ read: () throws -> WorkerRequest) rethrows -> WorkerRequest {
        used.withLock { $0 = [:] }
        let request = try read()
        let entries = used.withLock { used in
            defer { used = [:] }
            return used
        }
        if !request.invocations.isEmpty { kept.withLock { $0 = entries } }
        return request
    }

    /// The entries of `recipe`, whose sum is `checksum` when the request names one: kept ones
    /// whose sum is still the one they were drawn with, or drawn now; nil when the recipe does
    /// not give the named sum.
    func entries(of recipe: DrawnMatrix.Recipe, checksum: UInt64?) -> [Double]? {
        var found = kept.withLock { $0[recipe] }
        if let kept = found, kept.entries.count != recipe.count || DrawnMatrix.checksum(kept.entries) != kept.checksum
            || checksum.map({ $0 != kept.checksum }) == true {
            found = nil
        }
        let entries = found ?? Self.draw(recipe)
        if let checksum, entries.checksum != checksum { return nil }
        used.withLock { $0[recipe] = entries }
        return entries.entries
    }

    /// The entries kept for `recipe`, for tests.
    public func entries(keptFor recipe: DrawnMatrix.Recipe) -> [Double]? {
        kept.withLock { $0[recipe]?.entries }
    }
}
