/// Graph500 Kronecker (R-MAT) graphs.
public enum KroneckerGenerator {
  /// The Graph500 initiator probabilities.
  public static let graph500 = (a: 0.57, b: 0.19, c: 0.19)
  static let edgesPerBlock = 1 << 16

  /// Generates an undirected Kronecker graph with `2^scale` nodes from `edgeFactor · 2^scale`
  /// sampled edges (Graph500 specification): each edge descends `scale` levels of the
  /// adjacency matrix, picking a quadrant with probabilities `a`, `b`, `c`, `1 − a − b − c`;
  /// node labels are then permuted at random. Self-loops and duplicate edges are dropped.
  ///
  /// - Parameters:
  ///   - scale: log₂ of the node count, 1...30 (2³¹ nodes would exceed ``CSRGraph/maximumNodeCount``).
  ///   - edgeFactor: sampled edges per node.
  ///   - seed: the same seed gives the same graph for every thread count.
  /// - Complexity: O(m · scale) sampling on `threads` threads, then an O(n + m) build.
  public static func generate(
    scale: Int, edgeFactor: Int, seed: UInt64, a: Double = graph500.a, b: Double = graph500.b,
    c: Double = graph500.c, threads: Int = Parallel.availableCores
  ) -> (graph: CSRGraph, report: BuildReport) {
    precondition((1...30).contains(scale), "scale must be in 1...30")
    precondition(edgeFactor >= 1, "edge factor must be at least 1")
    precondition(a >= 0 && b >= 0 && c >= 0 && a + b + c <= 1, "a, b, c must be probabilities summing to at most 1")
    let n = 1 << scale
    let m = edgeFactor * n
    // A random relabelling of the nodes (Fisher–Yates), so ids carry no structure.
    var permutation = [UInt32](unsafeUninitializedCapacity: n) { buffer, count in
      for i in 0..<n { buffer[i] = UInt32(i) }
      count = n
    }
    var shuffler = RandomStream(seed: seed, stream: UInt64.max)
    for i in stride(from: n - 1, to: 0, by: -1) {
      permutation.swapAt(i, Int(shuffler.below(UInt64(i + 1))))
    }
    var sources = [UInt32](repeating: 0, count: m)
    var targets = [UInt32](repeating: 0, count: m)
    // Quadrant choice by comparing 32 random bits with fixed-point thresholds: one 64-bit
    // draw serves two levels (resolution 2⁻³² ≈ 2.3e-10 per probability).
    let scale32 = 4_294_967_296.0
    let thresholdA = UInt64(min(a * scale32, scale32))
    let thresholdAB = UInt64(min((a + b) * scale32, scale32))
    let thresholdABC = UInt64(min((a + b + c) * scale32, scale32))
    let blocks = (m + edgesPerBlock - 1) / edgesPerBlock
    permutation.withUnsafeBufferPointer { perm in
      sources.withUnsafeMutableBufferPointer { src in
        targets.withUnsafeMutableBufferPointer { dst in
          let shared = UncheckedSendable((perm, src, dst))
          Parallel.forEach(parts: blocks, threads: threads) { block in
            let (perm, src, dst) = shared.value
            var random = RandomStream(seed: seed, stream: UInt64(block))
            let start = block * edgesPerBlock
            for e in start..<min(start + edgesPerBlock, m) {
              var u = 0
              var v = 0
              var bits: UInt64 = 0
              for level in 0..<scale {
                if level & 1 == 0 { bits = random.next() }
                let r = bits & 0xFFFF_FFFF
                bits >>= 32
                u <<= 1
                v <<= 1
                if r >= thresholdAB {
                  u |= 1
                  if r >= thresholdABC { v |= 1 }
                } else if r >= thresholdA {
                  v |= 1
                }
              }
              src[e] = perm[u]
              dst[e] = perm[v]
            }
          }
        }
      }
    }
    var edges = EdgeList(nodeCount: n, sources: sources, targets: targets)
    sources = []
    targets = []
    return CSRGraph.buildWithinLimit(consuming: &edges, options: BuildOptions(threads: threads))
  }
}
