import Synchronization

/// The transpose of the last large matrix transposed, kept with that matrix.
///
/// Holding the matrix keeps its storage alive and shared, so no other matrix can have storage
/// at the same address and a change to the kept one copies it first: sharing storage with the
/// kept matrix means having its entries. One entry, so the memo holds at most two matrices.
enum TransposeMemo {
    /// The fewest entries a matrix has for its transpose to be kept; smaller ones are quicker
    /// to transpose again than to look up.
    static let smallestEntries = 1 << 16

    private static let kept = Mutex<(source: Matrix, transpose: Matrix)?>(nil)

    /// The kept transpose of `matrix`, when `matrix` is the one it was made from.
    static func transpose(of matrix: Matrix) -> Matrix? {
        kept.withLock { entry in
            guard let entry, entry.source.sharesStorage(with: matrix) else { return nil }
            return entry.transpose
        }
    }

    /// Keeps `transpose` as the transpose of `matrix`, in place of the last one kept.
    static func keep(_ transpose: Matrix, of matrix: Matrix) {
        kept.withLock { $0 = (matrix, transpose) }
    }
}
