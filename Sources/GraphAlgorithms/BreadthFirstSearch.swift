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

  /// A result from its parts (``BreadthFirstSearch/depths(_:from:transpose:threads:)`` and
  /// ``BreadthFirstSearch/parents(_:depths:source:transpose:threads:)``).
  public init(distances: [Int32], parents: [Int32], reached: Int) {
    self.distances = distances
    self.parents = parents
    self.reached = reached
  }
}

/// Hop distances from one source, without a tree: what ``BreadthFirstSearch/depths(_:from:transpose:threads:)``
/// computes. One array, as GAPBS keeps one `parent` array; the tree is derived when asked.
public struct BFSDepths: Sendable, Equatable {
  /// `distances[v]` is the number of hops from the source to `v`, or -1 when unreachable.
  public var distances: [Int32]
  /// The number of nodes reached, the source included.
  public var reached: Int
}

/// Breadth-first search.
public enum BreadthFirstSearch {
  /// Hop distances and a BFS tree from `source`: ``depths(_:from:transpose:threads:)`` then
  /// ``parents(_:depths:source:transpose:threads:)``.
  ///
  /// Deterministic for any thread count: a node's parent is its first in-neighbour (in
  /// adjacency order, i.e. id order) one level closer to the source.
  /// - Complexity: O(n + m) work.
  public static func run(
    _ graph: CSRGraph, from source: UInt32, transpose: CSRGraph? = nil, threads: Int = Parallel.availableCores
  ) -> BFSResult {
    let incoming = graph.isDirected ? (transpose ?? graph.transposed()) : graph
    let found = depths(graph, from: source, transpose: incoming, threads: threads)
    let tree = parents(graph, depths: found.distances, source: source, transpose: incoming, threads: threads)
    return BFSResult(distances: found.distances, parents: tree, reached: found.reached)
  }

  /// Hop distances from `source` along out-edges, direction-optimizing (Beamer, Asanović and
  /// Patterson 2012): top-down steps while the frontier is small, bottom-up steps (each
  /// unvisited node looks for a neighbour in the frontier bitmap) while it is large, with
  /// GAPBS's switch points (α = 15, β = 18). Keeps one `Int32` per node (the depth, -1 until
  /// found) and one bit per node for the current and next frontier in bottom-up steps.
  /// (GAPBS's marks of minus the out-degree, which spare the top-down step the offsets of
  /// the nodes it finds, were tried: 3% faster on the grid, 15% slower on K20, where the
  /// extra pass over the offsets costs more than it saves.)
  /// - Parameters:
  ///   - graph: the graph; for directed graphs bottom-up steps need `transpose`.
  ///   - transpose: in-edges of a directed graph (``CSRGraph/transposed()``); computed when nil.
  /// - Complexity: O(n + m) work; with `threads` > 1 (and 4,096 nodes or more) every step
  ///   runs on a team of `threads` workers kept for the whole search
  ///   (``teamDepths(out:into:dist:queue:source:threads:)``).
  public static func depths(
    _ graph: CSRGraph, from source: UInt32, transpose: CSRGraph? = nil, threads: Int = Parallel.availableCores
  ) -> BFSDepths {
    let n = graph.nodeCount
    precondition(Int(source) < n, "source \(source) is not a node")
    // Filled by the team (-1 until visited; by the workers in parallel).
    var distances: [Int32] = LargeArrays.uninitialized(count: n)
    // A sliding queue (as GAPBS's): every node enters once, so n slots hold every level;
    // the current frontier is queue[head..<tail] and the next one is appended after it.
    var queue: [UInt32] = LargeArrays.uninitialized(count: n)
    let incoming = graph.isDirected ? (transpose ?? graph.transposed()) : graph
    // Graphs too small to split (below 4,096 nodes) search on the caller's thread alone.
    let workers = threads > 1 && Parallel.worthSplitting(n, threshold: 4096) ? threads : 1
    let reached = graph.withUnsafeView { out in
      incoming.withUnsafeView { into in
        distances.withUnsafeMutableBufferPointer { dist in
          queue.withUnsafeMutableBufferPointer { queue in
            teamDepths(out: out, into: into, dist: dist, queue: queue, source: source, threads: workers)
          }
        }
      }
    }
    return BFSDepths(distances: distances, reached: reached)
  }

  /// The BFS tree of `depths`: each reached node other than `source` gets its first
  /// in-neighbour one level closer; `source` is its own parent; unreached nodes get -1.
  /// - Complexity: O(n + m) work, on `threads` threads.
  public static func parents(
    _ graph: CSRGraph, depths: [Int32], source: UInt32, transpose: CSRGraph? = nil,
    threads: Int = Parallel.availableCores
  ) -> [Int32] {
    let n = graph.nodeCount
    precondition(depths.count == n, "depths has \(depths.count) entries for \(n) nodes")
    let incoming = graph.isDirected ? (transpose ?? graph.transposed()) : graph
    var parents = LargeArrays.make(repeating: Int32(-1), count: n)
    let parts = Parallel.worthSplitting(n, threshold: 4096) ? max(1, threads) * 4 : 1
    incoming.withUnsafeView { into in
      depths.withUnsafeBufferPointer { depth in
        parents.withUnsafeMutableBufferPointer { parent in
          let shared = UncheckedSendable((into, depth, parent))
          Parallel.forEach(parts: parts, threads: threads) { part in
            let (into, depth, parent) = shared.value
            for v in Parallel.range(part, of: parts, count: n) where depth[v] > 0 {
              let want = depth[v] - 1
              for u in into.neighbors(of: UInt32(truncatingIfNeeded: v)) where depth[Int(u)] == want {
                parent[v] = Int32(bitPattern: u)
                break
              }
            }
          }
        }
      }
    }
    parents[Int(source)] = Int32(source)
    return parents
  }

  /// One serial top-down step: appends the unvisited out-neighbours of `queue[frontier]` at
  /// `frontier.upperBound` with depth `level`; returns the new tail and the out-degrees of
  /// the nodes appended (the next scout count).
  @inline(__always)
  static func topDown(
    _ out: UnsafeCSRView, _ dist: UnsafeMutableBufferPointer<Int32>, _ queue: UnsafeMutableBufferPointer<UInt32>,
    _ frontier: Range<Int>, _ level: Int32
  ) -> (tail: Int, scout: Int) {
    let offsets = out.offsets
    let targets = out.targets
    var tail = frontier.upperBound
    var scout = 0
    for f in frontier {
      let u = Int(queue[f])
      var i = offsets[u]
      let end = offsets[u &+ 1]
      while i < end {
        let v = Int(targets[i])
        if dist[v] < 0 {
          dist[v] = level
          queue[tail] = UInt32(truncatingIfNeeded: v)
          tail &+= 1
          scout &+= offsets[v &+ 1] &- offsets[v]
        }
        i &+= 1
      }
    }
    return (tail, scout)
  }

  /// The bottom-up step for the nodes of bitmap words `words`: each unvisited node among them
  /// looks for an in-neighbour in `current`; the first found sets its depth to `level` and
  /// its bit in `next`. Writes every word of `next` in the range (no clearing needed) and
  /// returns how many nodes it found.
  /// - Complexity: O(nodes + their in-edges scanned) in the range.
  @inline(__always)
  static func bottomUpWords(
    _ into: UnsafeCSRView, _ dist: UnsafeMutableBufferPointer<Int32>, _ current: UnsafeBufferPointer<UInt64>,
    _ next: UnsafeMutableBufferPointer<UInt64>, _ words: Range<Int>, _ level: Int32
  ) -> Int {
    // Invariant: ids are < n ≤ Int32.max and offsets ≤ entryCount, so the unchecked
    // arithmetic below cannot overflow and every index is in range.
    let n = dist.count
    let offsets = into.offsets
    let targets = into.targets
    var count = 0
    var w = words.lowerBound
    while w < words.upperBound {
      var word: UInt64 = 0
      let base = w &<< 6
      let end = min(base &+ 64, n)
      var v = base
      while v < end {
        if dist[v] < 0 {
          var i = offsets[v]
          let stop = offsets[v &+ 1]
          while i < stop {
            let u = Int(targets[i])
            if (current[u &>> 6] &>> UInt64(truncatingIfNeeded: u & 63)) & 1 != 0 {
              dist[v] = level
              word |= 1 &<< UInt64(truncatingIfNeeded: v &- base)
              count &+= 1
              break
            }
            i &+= 1
          }
        }
        v &+= 1
      }
      next[w] = word
      w &+= 1
    }
    return count
  }
}
