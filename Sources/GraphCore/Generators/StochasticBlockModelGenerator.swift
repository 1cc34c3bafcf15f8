import Foundation

/// Stochastic block model graphs.
public enum StochasticBlockModelGenerator {
  /// Generates an undirected stochastic block model graph: nodes are split into blocks of
  /// the given sizes (block 0 gets ids `0..<sizes[0]`, and so on) and each pair of nodes in
  /// blocks `i` and `j` is linked independently with probability `probabilities[i][j]`.
  ///
  /// Pairs are skipped geometrically (Batagelj and Brandes 2005), so the cost follows the
  /// number of edges, not of pairs. Each block pair has its own random stream.
  /// - Precondition: `probabilities` is a symmetric `k × k` matrix of values in `[0, 1]`.
  /// - Complexity: O(n + m) expected, block pairs on `threads` threads.
  public static func generate(
    sizes: [Int], probabilities: [[Double]], seed: UInt64, threads: Int = Parallel.availableCores
  ) -> CSRGraph {
    let k = sizes.count
    precondition(k > 0 && sizes.allSatisfy { $0 >= 0 }, "block sizes must be non-negative")
    precondition(probabilities.count == k && probabilities.allSatisfy { $0.count == k }, "probabilities must be \(k)×\(k)")
    for i in 0..<k {
      for j in 0..<k {
        precondition((0...1).contains(probabilities[i][j]), "probabilities must lie in [0, 1]")
        precondition(probabilities[i][j] == probabilities[j][i], "probabilities must be symmetric")
      }
    }
    var starts = [0]
    for size in sizes { starts.append(starts.last! + size) }
    let n = starts.last!
    precondition(n <= CSRGraph.maximumNodeCount, "\(n) nodes are more than \(CSRGraph.maximumNodeCount)")
    var pairList: [(Int, Int)] = []
    for i in 0..<k { for j in i..<k { pairList.append((i, j)) } }
    let pairs = pairList
    let results = PartResults<EdgeList>(count: pairs.count)
    let blockStarts = starts
    Parallel.forEach(parts: pairs.count, threads: threads) { index in
      let (i, j) = pairs[index]
      var random = RandomStream(seed: seed, stream: UInt64(index))
      var list = EdgeList(nodeCount: n)
      let p = probabilities[i][j]
      let sameBlock = i == j
      let count = sameBlock ? sizes[i] * (sizes[i] - 1) / 2 : sizes[i] * sizes[j]
      if p > 0 && count > 0 {
        // Geometric skips: the gap to the next edge is floor(log(1 − r) / log(1 − p)).
        let logQ = log1p(-p)
        var index = -1
        while true {
          if p >= 1 {
            index += 1
          } else {
            let skip = (log1p(-random.unit()) / logQ).rounded(.down)
            // Compare as doubles first: a tiny p gives skips far beyond Int's range.
            if !(skip < Double(count - index - 1)) { break }
            index += 1 + Int(skip)
          }
          if index >= count { break }
          let (u, v) = sameBlock ? triangularPair(index) : (index / sizes[j], index % sizes[j])
          list.append(UInt32(blockStarts[i] + u), UInt32(blockStarts[j] + v))
        }
      }
      results.set(index, list)
    }
    var all = EdgeList(nodeCount: n)
    for part in results.values {
      all.sources.append(contentsOf: part.sources)
      all.targets.append(contentsOf: part.targets)
    }
    return CSRGraph.buildWithinLimit(consuming: &all, options: BuildOptions(threads: threads)).graph
  }

  /// The pair `(u, v)`, `u < v`, at position `index` when pairs are listed by `v`, then `u`.
  static func triangularPair(_ index: Int) -> (Int, Int) {
    var v = Int((1 + (1 + 8 * Double(index)).squareRoot()) / 2)
    while v * (v - 1) / 2 > index { v -= 1 }
    while (v + 1) * v / 2 <= index { v += 1 }
    return (index - v * (v - 1) / 2, v)
  }
}
