import Atomics
import GraphCore

/// Hop distances from one source, with a BFS tree.
public struct BFSResult: Sendable, Equatable {
  /// `distances[v]` is the number of hops from the source to `v`, or -1 when unreachable.
  public var distances: [Int32]
  /// `parents[v]` is the node before `v` on a shortest path (the source is its own parent),
  /// or -1 when unreachable. Signed 32-bit as in GAPBS: graphs have at most
  /// ``CSRGraph/maximumNodeCount`` = `Int32.max` nodes, so every id fits and none reads as -1.
  public var parents: [Int32]
  /// The number of nodes reached, the source included.
  public var reached: Int
}

/// Breadth-first search.
public enum BreadthFirstSearch {
  /// Hop distances from `source` along out-edges, direction-optimizing (Beamer, Asanović and
  /// Patterson 2012): top-down steps while the frontier is small, bottom-up steps (each
  /// unvisited node looks for a parent in the frontier) while it is large.
  ///
  /// Deterministic for any thread count: a node's parent is its first neighbour (in id order
  /// for bottom-up steps, in frontier order for top-down steps) found at the previous level.
  /// - Parameters:
  ///   - graph: the graph; for directed graphs bottom-up steps need `transpose`.
  ///   - transpose: in-edges of a directed graph (``CSRGraph/transposed()``); computed when nil.
  /// - Complexity: O(n + m) work.
  public static func run(
    _ graph: CSRGraph, from source: UInt32, transpose: CSRGraph? = nil, threads: Int = Parallel.availableCores
  ) -> BFSResult {
    let n = graph.nodeCount
    precondition(Int(source) < n, "source \(source) is not a node")
    var distances = LargeArrays.make(repeating: Int32(-1), count: n)
    var parents = LargeArrays.make(repeating: Int32(-1), count: n)
    distances[Int(source)] = 0
    parents[Int(source)] = Int32(source)
    var frontier: [UInt32] = [source]
    var reached = 1
    let incoming = graph.isDirected ? (transpose ?? graph.transposed()) : graph
    let parts = Parallel.worthSplitting(n, threshold: 4096) ? max(1, threads) * 8 : 1
    var edgesToCheck = graph.entryCount
    var level: Int32 = 0
    graph.withUnsafeView { out in
      incoming.withUnsafeView { into in
        distances.withUnsafeMutableBufferPointer { dist in
          parents.withUnsafeMutableBufferPointer { parent in
            while !frontier.isEmpty {
              var frontierEdges = 0
              for v in frontier { frontierEdges += out.degree(of: v) }
              edgesToCheck -= frontierEdges
              if parts > 1 && frontierEdges > edgesToCheck / 15 {
                // Bottom-up steps until the frontier shrinks again.
                var inFrontier = Bitmap(count: n)
                for v in frontier { inFrontier.insert(Int(v)) }
                var size = frontier.count
                var previous = 0
                repeat {
                  previous = size
                  let step = bottomUpStep(into, out, dist, parent, inFrontier, level, parts: parts, threads: threads)
                  inFrontier = step.next
                  size = step.added
                  reached += step.added
                  edgesToCheck -= step.addedEdges
                  level += 1
                } while size > 0 && (size >= previous || size > n / 18)
                frontier = inFrontier.members()
                continue
              }
              var next: [UInt32] = []
              let nextLevel = level + 1
              for u in frontier {
                for v in out.neighbors(of: u) where dist[Int(v)] < 0 {
                  dist[Int(v)] = nextLevel
                  parent[Int(v)] = Int32(bitPattern: u)
                  next.append(v)
                }
              }
              reached += next.count
              frontier = next
              level = nextLevel
            }
          }
        }
      }
    }
    return BFSResult(distances: distances, parents: parents, reached: reached)
  }

  /// One bottom-up step: every unvisited node looks for a neighbour in `frontier`.
  /// Work goes out in chunks of 64-node words taken from a shared counter (hubs cluster, so
  /// static ranges would leave a thread idle); a word is never shared between chunks.
  /// Returns the new frontier, its size and the out-edges of its nodes.
  private static func bottomUpStep(
    _ into: UnsafeCSRView, _ out: UnsafeCSRView, _ dist: UnsafeMutableBufferPointer<Int32>,
    _ parent: UnsafeMutableBufferPointer<Int32>, _ frontier: Bitmap, _ level: Int32, parts: Int, threads: Int
  ) -> (next: Bitmap, added: Int, addedEdges: Int) {
    let n = dist.count
    var next = Bitmap(count: n)
    let words = next.words.count
    let chunkWords = 16
    let chunks = (words + chunkWords - 1) / chunkWords
    let nextChunk = ManagedAtomic<Int>(0)
    let workers = max(1, threads)
    let added = PartResults<(nodes: Int, edges: Int)>(count: workers)
    next.words.withUnsafeMutableBufferPointer { nextWords in
      frontier.words.withUnsafeBufferPointer { current in
        let shared = UncheckedSendable((into, out, dist, parent, nextWords, current))
        Parallel.forEach(parts: workers, threads: threads) { worker in
          let (into, out, dist, parent, nextWords, current) = shared.value
          var count = 0
          var edges = 0
          while true {
            let chunk = nextChunk.loadThenWrappingIncrement(ordering: .relaxed)
            if chunk >= chunks { break }
          for w in (chunk * chunkWords)..<min((chunk + 1) * chunkWords, words) {
            var word: UInt64 = 0
            let base = w << 6
            for bit in 0..<min(64, n - base) {
              let v = base + bit
              if dist[v] >= 0 { continue }
              for u in into.neighbors(of: UInt32(v)) where (current[Int(u) >> 6] >> (UInt64(u) & 63)) & 1 != 0 {
                dist[v] = level + 1
                parent[v] = Int32(bitPattern: u)
                word |= 1 << UInt64(bit)
                count += 1
                edges += out.degree(of: UInt32(v))
                break
              }
            }
            nextWords[w] = word
          }
          }
          added.set(worker, (count, edges))
        }
      }
    }
    let totals = added.values
    return (next, totals.reduce(0) { $0 + $1.nodes }, totals.reduce(0) { $0 + $1.edges })
  }
}

/// A fixed-size set of node ids as bits.
struct Bitmap {
  var words: [UInt64]
  init(count: Int) { words = [UInt64](repeating: 0, count: (count + 63) >> 6) }
  mutating func insert(_ v: Int) { words[v >> 6] |= 1 << UInt64(v & 63) }
  func members() -> [UInt32] {
    var result: [UInt32] = []
    for (w, word) in words.enumerated() where word != 0 {
      var bits = word
      while bits != 0 {
        result.append(UInt32(w << 6 + bits.trailingZeroBitCount))
        bits &= bits - 1
      }
    }
    return result
  }
}
