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
  /// The treaty (alliance index of the network) of each entry's best source, or −1.
  public let treaty: [Int32]
  /// Mutual threats, n × n: paths from a nation never pass through its threats.
  public let threat: [Bool]

  /// Builds the graph of `layer` from the network's tie matrix. O(n² + sources).
  public init(_ network: StrategicNetwork, layer: TieTypeSet, parameters: ModelParameters) {
    let n = network.nodeCount
    var offsets = [Int](repeating: 0, count: n + 1)
    var targets: [Int32] = []
    var reliability: [Double] = []
    var treaty: [Int32] = []
    let tables = ReliabilityTables(parameters)
    for u in 0..<n {
      for v in 0..<n where v != u {
        let mask = network.types[u * n + v]
        guard mask & layer.rawValue != 0 else { continue }
        let tie = network.tieReliability(u, v, in: layer, tables: tables)
        guard tie.r > 0 else { continue }
        targets.append(Int32(v))
        reliability.append(tie.r)
        treaty.append(tie.treaty.map { Int32($0) } ?? -1)
      }
      offsets[u + 1] = targets.count
    }
    nodeCount = n
    self.offsets = offsets
    self.targets = targets
    self.reliability = reliability
    self.treaty = treaty
    threat = network.threat
  }

  /// r of the tie u–v in this layer (0 when none). O(degree).
  public func reliability(_ u: Int, _ v: Int) -> Double {
    for e in offsets[u]..<offsets[u + 1] where Int(targets[e]) == v { return reliability[e] }
    return 0
  }

  /// The entries as (u, v, r, treaty) with u < v: each undirected tie once.
  public var tiesWithTreaty: [(Int, Int, Double, Int32)] {
    var result: [(Int, Int, Double, Int32)] = []
    for u in 0..<nodeCount {
      for e in offsets[u]..<offsets[u + 1] where Int(targets[e]) > u { result.append((u, Int(targets[e]), reliability[e], treaty[e])) }
    }
    return result
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
/// paths from i to j of at most H hops that pass through no threat of i (a(i, i) = 1; 0
/// when unreachable; a threat of i is neither reached nor crossed).
public enum Reach {
  /// a(source, ·) in `out` (resized to n). Bellman–Ford for `hops` rounds, relaxing only
  /// from nodes improved in the previous round. O(hops · m) worst case.
  /// Paths never pass through `excluding` (a nation that left all its ties); it gets 0.
  /// `extra` ties (u, v, r) are added to the graph for this search only. Paths avoid the
  /// threats of `owner` (default: the source), so a search from a partner on behalf of a
  /// focal nation avoids the focal nation's threats.
  public static func from(
    _ source: Int, in graph: ReliabilityGraph, hops: Int, excluding: Int = -1, extra: [(Int, Int, Double)] = [],
    avoidingThreatsOf owner: Int? = nil, into out: inout [Double], scratch: inout ReachScratch
  ) {
    let n = graph.nodeCount
    let avoidBase = (owner ?? source) * n
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
                if v == excluding || graph.threat[avoidBase + v] { continue }
                let candidate = base * rel[e]
                if candidate > out[v] {
                  if scratch.stamp[v] != scratch.round { scratch.stamp[v] = scratch.round; scratch.next.append(Int32(v)) }
                  out[v] = candidate
                }
              }
              for (a, b, r) in extra where a == u || b == u {
                let v = a == u ? b : a
                if v == excluding || graph.threat[avoidBase + v] { continue }
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

  /// a(source, ·) with the best path to each node (`[source, …, j]`; empty when unreached),
  /// by a hop-layered search that prefers fewer hops on ties. O(hops · m).
  public static func paths(from source: Int, in graph: ReliabilityGraph, hops: Int) -> (reach: [Double], paths: [[Int]]) {
    let n = graph.nodeCount
    var best = [Double](repeating: 0, count: n)
    var layers: [[Int32]] = []  // parent per hop layer
    var value = [Double](repeating: 0, count: n)
    value[source] = 1
    best[source] = 1
    var hopOf = [Int](repeating: -1, count: n)
    hopOf[source] = 0
    for h in 1...max(1, hops) {
      var next = [Double](repeating: 0, count: n)
      var parent = [Int32](repeating: -1, count: n)
      for u in 0..<n where value[u] > 0 {
        for e in graph.offsets[u]..<graph.offsets[u + 1] {
          let v = Int(graph.targets[e])
          if v == source || graph.threat[source * n + v] { continue }
          let candidate = value[u] * graph.reliability[e]
          if candidate > next[v] {
            next[v] = candidate
            parent[v] = Int32(u)
          }
        }
      }
      layers.append(parent)
      for v in 0..<n where next[v] > best[v] {
        best[v] = next[v]
        hopOf[v] = h
      }
      value = next
    }
    var paths = [[Int]](repeating: [], count: n)
    for v in 0..<n where hopOf[v] >= 0 {
      var path = [v]
      var node = v
      var h = hopOf[v]
      while h > 0 {
        node = Int(layers[h - 1][node])
        path.append(node)
        h -= 1
      }
      paths[v] = path.reversed()
    }
    return (best, paths)
  }

  /// The full matrix a(i, j), row-major. O(n · hops · m).
  /// With `owner`, every row avoids the threats of `owner` instead of its own source's.
  public static func matrix(_ graph: ReliabilityGraph, hops: Int, avoidingThreatsOf owner: Int? = nil) -> [Double] {
    let n = graph.nodeCount
    var result = [Double](repeating: 0, count: n * n)
    var row: [Double] = []
    var scratch = ReachScratch()
    for i in 0..<n {
      from(i, in: graph, hops: hops, avoidingThreatsOf: owner, into: &row, scratch: &scratch)
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
