import AllianceModel

/// The ties of one layer with their reliabilities, as adjacency arrays (CSR).
public struct ReliabilityGraph: Sendable {
  /// Capability-bearing ties: defense, offense and consultation.
  public static let capabilityLayer = TieTypeSet([.defense, .offense, .consultation])
  /// Ties that commit to defend: defense and offense.
  public static let defenseLayer = TieTypeSet([.defense, .offense])

  public let nodeCount: Int
  public let offsets: [Int]
  public let targets: [Int32]
  /// r of each entry: the pair's reliability in the layer (``StrategicNetwork/reliability(_:_:in:parameters:)``).
  public let reliability: [Double]

  /// Builds the graph of `layer` from the network's tie matrix. O(n²).
  public init(_ network: StrategicNetwork, layer: TieTypeSet, parameters: ModelParameters) {
    let n = network.nodeCount
    var offsets = [Int](repeating: 0, count: n + 1)
    var targets: [Int32] = []
    var reliability: [Double] = []
    for u in 0..<n {
      for v in 0..<n where v != u {
        let mask = network.types[u * n + v]
        guard mask & layer.rawValue != 0 else { continue }
        let r = network.reliability(u, v, in: layer, parameters: parameters)
        guard r > 0 else { continue }
        targets.append(Int32(v))
        reliability.append(r)
      }
      offsets[u + 1] = targets.count
    }
    nodeCount = n
    self.offsets = offsets
    self.targets = targets
    self.reliability = reliability
  }

  /// The entries as (u, v, r) with u < v: each undirected tie once.
  public var ties: [(Int, Int, Double)] {
    var result: [(Int, Int, Double)] = []
    for u in 0..<nodeCount {
      for e in offsets[u]..<offsets[u + 1] where Int(targets[e]) > u { result.append((u, Int(targets[e]), reliability[e])) }
    }
    return result
  }
}

/// Hop-limited most-reliable paths: a(i, j) is the largest product of tie reliabilities over
/// paths from i to j of at most H hops (a(i, i) = 1; 0 when unreachable).
public enum Reach {
  /// a(source, ·) in `out` (resized to n). Bellman–Ford for `hops` rounds, relaxing only
  /// from nodes improved in the previous round. O(hops · m) worst case.
  /// Paths never pass through `excluding` (a nation that left all its ties); it gets 0.
  /// `extra` ties (u, v, r) are added to the graph for this search only.
  public static func from(
    _ source: Int, in graph: ReliabilityGraph, hops: Int, excluding: Int = -1, extra: [(Int, Int, Double)] = [],
    into out: inout [Double], scratch: inout ReachScratch
  ) {
    let n = graph.nodeCount
    if out.count != n { out = [Double](repeating: 0, count: n) } else { for i in 0..<n { out[i] = 0 } }
    scratch.prepare(n)
    out[source] = 1
    if source == excluding { return }
    scratch.frontier.removeAll(keepingCapacity: true)
    scratch.frontier.append(Int32(source))
    scratch.previous[source] = 1
    graph.offsets.withUnsafeBufferPointer { offsets in
      graph.targets.withUnsafeBufferPointer { targets in
        graph.reliability.withUnsafeBufferPointer { rel in
          for _ in 0..<hops {
            guard !scratch.frontier.isEmpty else { break }
            scratch.next.removeAll(keepingCapacity: true)
            for u32 in scratch.frontier {
              let u = Int(u32)
              let base = scratch.previous[u]
              for e in offsets[u]..<offsets[u + 1] {
                let v = Int(targets[e])
                if v == excluding { continue }
                let candidate = base * rel[e]
                if candidate > out[v] {
                  if scratch.stamp[v] != scratch.round { scratch.stamp[v] = scratch.round; scratch.next.append(Int32(v)) }
                  out[v] = candidate
                }
              }
              for (a, b, r) in extra where a == u || b == u {
                let v = a == u ? b : a
                if v == excluding { continue }
                let candidate = base * r
                if candidate > out[v] {
                  if scratch.stamp[v] != scratch.round { scratch.stamp[v] = scratch.round; scratch.next.append(Int32(v)) }
                  out[v] = candidate
                }
              }
            }
            // Values improved this round propagate next round.
            for v in scratch.next { scratch.previous[Int(v)] = out[Int(v)] }
            swap(&scratch.frontier, &scratch.next)
            scratch.round &+= 1
          }
        }
      }
    }
  }

  /// a(source, ·) as a new array.
  public static func from(_ source: Int, in graph: ReliabilityGraph, hops: Int) -> [Double] {
    var out: [Double] = []
    var scratch = ReachScratch()
    from(source, in: graph, hops: hops, into: &out, scratch: &scratch)
    return out
  }

  /// The full matrix a(i, j), row-major. O(n · hops · m).
  public static func matrix(_ graph: ReliabilityGraph, hops: Int) -> [Double] {
    let n = graph.nodeCount
    var result = [Double](repeating: 0, count: n * n)
    var row: [Double] = []
    var scratch = ReachScratch()
    for i in 0..<n {
      from(i, in: graph, hops: hops, into: &row, scratch: &scratch)
      for j in 0..<n { result[i * n + j] = row[j] }
    }
    return result
  }
}

/// Reusable buffers for ``Reach``.
public struct ReachScratch: Sendable {
  var frontier: [Int32] = []
  var next: [Int32] = []
  var previous: [Double] = []
  var stamp: [UInt32] = []
  var round: UInt32 = 1

  public init() {}

  mutating func prepare(_ n: Int) {
    if previous.count != n {
      previous = [Double](repeating: 0, count: n)
      stamp = [UInt32](repeating: 0, count: n)
      round = 1
    }
  }
}
