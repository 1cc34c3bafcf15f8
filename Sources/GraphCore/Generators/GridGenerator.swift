/// Two-dimensional grid graphs: the high-diameter shape (like road networks) where
/// breadth-first search and components take thousands of small steps instead of a few
/// large ones.
public enum GridGenerator {
  /// The `rows × columns` lattice: node `r · columns + c` links to its right and lower
  /// neighbours (so 2·rows·columns − rows − columns undirected edges, diameter
  /// rows + columns − 2).
  /// - Parameters:
  ///   - shuffle: relabel the nodes by a seeded random permutation, destroying the row-major
  ///     locality that makes a plain grid unusually cache-friendly.
  ///   - maxLength: when given, each edge gets a seeded random integer length in
  ///     1...maxLength (GAPBS's generator uses 1...255), for weighted shortest paths.
  /// - Precondition: rows, columns ≥ 1, rows · columns ≤ ``CSRGraph/maximumNodeCount``,
  ///   maxLength ≥ 1.
  /// - Complexity: O(n) to list the edges plus the CSR build, O(n + m) memory.
  public static func generate(
    rows: Int, columns: Int, seed: UInt64 = 1, shuffle: Bool = false, maxLength: Int? = nil,
    threads: Int = Parallel.availableCores
  ) -> CSRGraph {
    precondition(rows >= 1 && columns >= 1, "a grid needs at least one row and one column")
    let (n, overflow) = rows.multipliedReportingOverflow(by: columns)
    precondition(!overflow && n <= CSRGraph.maximumNodeCount, "\(rows) × \(columns) nodes exceed \(CSRGraph.maximumNodeCount)")
    precondition(maxLength.map { $0 >= 1 } ?? true, "maxLength must be at least 1")
    var label = [UInt32](unsafeUninitializedCapacity: n) { buffer, count in
      for v in 0..<n { buffer[v] = UInt32(v) }
      count = n
    }
    if shuffle {
      var random = RandomStream(seed: seed, stream: 0)
      for i in stride(from: n - 1, to: 0, by: -1) {
        label.swapAt(i, Int(random.below(UInt64(i + 1))))
      }
    }
    let edges = 2 * n - rows - columns
    var list = EdgeList(nodeCount: n, weights: maxLength == nil ? nil : [])
    list.reserveCapacity(edges)
    var lengths = RandomStream(seed: seed, stream: 1)
    for r in 0..<rows {
      for c in 0..<columns {
        let v = r * columns + c
        if c + 1 < columns {
          list.append(label[v], label[v + 1], weight: maxLength.map { Double(1 + lengths.below(UInt64($0))) })
        }
        if r + 1 < rows {
          list.append(label[v], label[v + columns], weight: maxLength.map { Double(1 + lengths.below(UInt64($0))) })
        }
      }
    }
    return CSRGraph.buildWithinLimit(consuming: &list, options: BuildOptions(threads: threads)).graph
  }
}
