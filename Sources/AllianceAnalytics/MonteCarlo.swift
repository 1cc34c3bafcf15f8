import AllianceModel
import GraphCore

/// The distribution of a nation's E and CR over Monte Carlo draws.
public struct ReliabilityDistribution: Sendable, Hashable {
  public var nation: Int
  public var meanE: Double
  public var p10E: Double
  public var p50E: Double
  public var p90E: Double
  /// CR statistics (+∞ for nations without threats).
  public var meanCR: Double
  public var p10CR: Double
  public var p50CR: Double
  public var p90CR: Double
  /// The share of draws with CR ≥ 1.
  public var probabilityCovered: Double
}

/// Reliability under uncertainty: in each draw every capability-bearing tie holds with its
/// probability r (independently, or with `commonShock` one shock per treaty: every tie of a
/// treaty draws the same uniform number, so the treaty's ties fail together); a nation
/// contributes to E_i when it is reachable from i within H hops over holding ties that
/// avoid i's threats, to D_i (weighted by φ, shared patrons) within H_D hops over holding
/// defense/offense ties.
///
/// Whether a tie holds in a draw is a hash of (seed, draw, tie or treaty), so results do
/// not depend on the thread count or on the search order.
public enum MonteCarlo {
  /// Runs `parameters.draws` draws for the nations in `focus` (all nations when `nil`).
  ///
  /// O(draws · (m + Σ_targets H · |reach| · ⌈n/64⌉)) with bit-set searches for many
  /// targets; O(draws · H · m) per focal nation with a lazy BFS for few.
  public static func run(
    _ network: StrategicNetwork, parameters: ModelParameters, focus: [Int]? = nil, threads: Int = 1
  ) -> [ReliabilityDistribution] {
    let n = network.nodeCount
    let graph = ReliabilityGraph(network, layer: ReliabilityGraph.capabilityLayer, parameters: parameters)
    let ties = graph.tiesWithTreaty
    let defenseMask = ReliabilityGraph.defenseLayer.rawValue
    let isDefense = ties.map { network.types[$0.0 * n + $0.1] & defenseMask != 0 }
    let defenseR = ties.map { network.reliability($0.0, $0.1, in: ReliabilityGraph.defenseLayer, parameters: parameters) }
    let keys: [UInt64] = ties.enumerated().map { t, tie in
      parameters.commonShock && tie.3 >= 0 ? (1 << 40) | UInt64(tie.3) : UInt64(t)
    }
    let targets = focus ?? Array(0..<n)
    let draws = parameters.draws
    // weight[i][j] = g(d_ij)·C_j for partners (0 for threats and i); defense weight adds φ_ij.
    var weight = [Double](repeating: 0, count: n * n)
    var defenseWeight = [Double](repeating: 0, count: n * n)
    var theta = [Double](repeating: 0, count: n)
    var threatened = [Bool](repeating: false, count: n)
    var targeted = [Bool](repeating: false, count: n)
    for i in targets { targeted[i] = true }
    for i in 0..<n {
      for j in 0..<n where j != i {
        let g = parameters.decayFactor(network.distance[i * n + j])
        if network.isThreat(i, j) {
          theta[i] += network.threatWeight(i, j) * g * network.capability[j]
          threatened[i] = true
        } else {
          weight[i * n + j] = g * network.capability[j]
        }
      }
      if targeted[i] {
        let row = SharedPatrons.defenseWeights(i, network: network) { parameters.decayFactor(network.distance[i * n + $0]) }
        for j in 0..<n { defenseWeight[i * n + j] = row[j] }
      }
    }
    let (tieOffsets, neighbor, tieOf) = DrawSupport.adjacency(nodes: n, pairs: ties.map { ($0.0, $0.1) })
    let context = DrawContext(
      n: n, ties: ties.map { (Int32($0.0), Int32($0.1), $0.2) }, defenseR: defenseR, keys: keys, offsets: tieOffsets,
      neighbor: neighbor, tieOf: tieOf, isDefense: isDefense, weight: weight, defenseWeight: defenseWeight,
      threat: network.threat, capability: network.capability, targets: targets, hops: parameters.hops,
      defenseHops: parameters.defenseHops, seed: parameters.seed)
    // Samples: per target, E and D for every draw (columns 2t and 2t + 1).
    let samples = DrawSupport.collect(draws: draws, threads: threads, columns: 2 * targets.count, make: { DrawWorker(context) }) { worker, draw, values in
      worker.run(draw: draw)
      for t in context.targets.indices {
        values[2 * t] = worker.e[t]
        values[2 * t + 1] = worker.d[t]
      }
    }
    return targets.indices.map { t in
      let i = targets[t]
      var e = samples[2 * t]
      var cr = samples[2 * t + 1].map { threatened[i] ? (theta[i] > 0 ? $0 / theta[i] : .infinity) : .infinity }
      let covered = Double(cr.filter { $0 >= 1 }.count) / Double(draws)
      let meanE = e.reduce(0, +) / Double(draws)
      let meanCR = threatened[i] ? cr.reduce(0, +) / Double(draws) : .infinity
      e.sort()
      cr.sort()
      return ReliabilityDistribution(
        nation: i, meanE: meanE, p10E: quantile(e, 0.1), p50E: quantile(e, 0.5), p90E: quantile(e, 0.9), meanCR: meanCR,
        p10CR: quantile(cr, 0.1), p50CR: quantile(cr, 0.5), p90CR: quantile(cr, 0.9), probabilityCovered: covered)
    }
  }

  /// The uniform number in [0, 1) that decides whether tie `tie` holds in draw `draw`: a
  /// hash of (seed, draw, tie), so any search order and thread count sees the same coin.
  /// With common shocks `tie` is the treaty's key, shared by all its ties.
  @inlinable static func coin(seed: UInt64, draw: Int, tie: Int) -> Double {
    coin(seed: seed, draw: draw, key: UInt64(truncatingIfNeeded: tie))
  }

  @inlinable static func coin(seed: UInt64, draw: Int, key: UInt64) -> Double {
    let key = DrawSupport.mix(seed ^ DrawSupport.mix(UInt64(truncatingIfNeeded: draw) << 42 ^ key))
    return Double(key >> 11) * 0x1p-53
  }

  /// The q-quantile of sorted values by linear interpolation (numpy's default).
  public static func quantile(_ sorted: [Double], _ q: Double) -> Double {
    guard !sorted.isEmpty else { return .nan }
    let position = q * Double(sorted.count - 1)
    let low = Int(position.rounded(.down)), high = min(low + 1, sorted.count - 1)
    let fraction = position - Double(low)
    if sorted[low] == sorted[high] { return sorted[low] }
    return sorted[low] + (sorted[high] - sorted[low]) * fraction
  }
}

/// What every draw shares.
struct DrawContext: Sendable {
  let n: Int
  /// (u, v, r in the capability layer).
  let ties: [(Int32, Int32, Double)]
  /// r of each tie in the defense layer (0 when it has no defense/offense obligation).
  let defenseR: [Double]
  /// The coin key of each tie: its index, or its treaty's key under common shocks.
  let keys: [UInt64]
  /// Every tie as adjacency (CSR) with its tie index, for searches that flip coins lazily.
  let offsets: [Int]
  let neighbor: [Int32]
  let tieOf: [Int32]
  let isDefense: [Bool]
  let weight: [Double]
  let defenseWeight: [Double]
  let threat: [Bool]
  let capability: [Double]
  let targets: [Int]
  let hops: Int
  let defenseHops: Int
  let seed: UInt64
}

/// One thread's buffers for draws.
struct DrawWorker {
  let context: DrawContext
  let words: Int
  let bitParallel: Bool
  var e: [Double]
  var d: [Double]
  // Bit sets: one-hop adjacency of holding ties per node (capability and defense), each
  // target's threats, and the search's reached / frontier / next sets.
  var capabilityAdjacency: [UInt64] = []
  var defenseAdjacency: [UInt64] = []
  var threatSets: [UInt64] = []
  var reached: [UInt64] = []
  var frontier: [UInt64] = []
  var next: [UInt64] = []
  // BFS buffers for few targets.
  var level: [Int32]
  var queue: [Int32]

  init(_ context: DrawContext) {
    self.context = context
    let n = context.n
    words = (n + 63) / 64
    // Bit sets pay off when many nations are targets.
    bitParallel = context.targets.count > 8
    e = [Double](repeating: 0, count: context.targets.count)
    d = e
    level = [Int32](repeating: -1, count: n)
    queue = [Int32](repeating: 0, count: n)
    if bitParallel {
      capabilityAdjacency = [UInt64](repeating: 0, count: n * words)
      defenseAdjacency = capabilityAdjacency
      threatSets = capabilityAdjacency
      for i in 0..<n {
        for j in 0..<n where context.threat[i * n + j] { threatSets[i * words + j / 64] |= 1 << UInt64(j % 64) }
      }
      reached = [UInt64](repeating: 0, count: words)
      frontier = reached
      next = reached
    }
  }

  mutating func run(draw: Int) {
    if bitParallel {
      let n = context.n, w = words
      for k in 0..<(n * w) {
        capabilityAdjacency[k] = 0
        defenseAdjacency[k] = 0
      }
      for t in context.ties.indices {
        let coin = MonteCarlo.coin(seed: context.seed, draw: draw, key: context.keys[t])
        let (a, b, r) = context.ties[t]
        let ia = Int(a), ib = Int(b)
        if coin < r {
          capabilityAdjacency[ia * w + ib / 64] |= 1 << UInt64(ib % 64)
          capabilityAdjacency[ib * w + ia / 64] |= 1 << UInt64(ia % 64)
        }
        if context.isDefense[t] && coin < context.defenseR[t] {
          defenseAdjacency[ia * w + ib / 64] |= 1 << UInt64(ib % 64)
          defenseAdjacency[ib * w + ia / 64] |= 1 << UInt64(ia % 64)
        }
      }
      for (t, i) in context.targets.enumerated() {
        e[t] = context.capability[i] + searchSum(i, defense: false)
        d[t] = context.capability[i] + searchSum(i, defense: true)
      }
    } else {
      // Few targets: search from each, flipping a tie's coin only when the search meets it.
      for (t, i) in context.targets.enumerated() {
        e[t] = context.capability[i] + bfsSum(i, draw: draw, defenseOnly: false)
        d[t] = context.capability[i] + bfsSum(i, draw: draw, defenseOnly: true)
      }
    }
  }

  /// Σ weight[i][j] over the nodes j reached from i within H (H_D) hops over holding ties,
  /// never entering a threat of i: a frontier search over bit sets.
  mutating func searchSum(_ i: Int, defense: Bool) -> Double {
    let n = context.n, w = words
    let hops = defense ? context.defenseHops : context.hops
    for k in 0..<w {
      reached[k] = 0
      frontier[k] = 0
    }
    reached[i / 64] |= 1 << UInt64(i % 64)
    frontier[i / 64] |= 1 << UInt64(i % 64)
    var sum = 0.0
    for _ in 0..<hops {
      for k in 0..<w { next[k] = 0 }
      var any = false
      for k in 0..<w {
        var bits = frontier[k]
        while bits != 0 {
          let v = k * 64 + bits.trailingZeroBitCount
          bits &= bits - 1
          let base = v * w
          if defense {
            for x in 0..<w { next[x] |= defenseAdjacency[base + x] }
          } else {
            for x in 0..<w { next[x] |= capabilityAdjacency[base + x] }
          }
        }
      }
      for x in 0..<w {
        next[x] &= ~(reached[x] | threatSets[i * w + x])
        reached[x] |= next[x]
        frontier[x] = next[x]
        if next[x] != 0 { any = true }
      }
      guard any else { break }
    }
    let weights = defense ? context.defenseWeight : context.weight
    for k in 0..<w {
      var bits = reached[k]
      while bits != 0 {
        let j = k * 64 + bits.trailingZeroBitCount
        bits &= bits - 1
        if j != i { sum += weights[i * n + j] }
      }
    }
    return sum
  }

  /// Σ weight[i][j] over j within H (H_D) hops of i over holding ties, by BFS that never
  /// enters a threat of i.
  mutating func bfsSum(_ i: Int, draw: Int, defenseOnly: Bool) -> Double {
    let n = context.n
    let hops = Int32(defenseOnly ? context.defenseHops : context.hops)
    let weights = defenseOnly ? context.defenseWeight : context.weight
    var head = 0, tail = 0
    queue[tail] = Int32(i)
    tail += 1
    level[i] = 0
    var sum = 0.0
    while head < tail {
      let u = Int(queue[head])
      head += 1
      let depth = level[u]
      if depth >= hops { continue }
      for e in context.offsets[u]..<context.offsets[u + 1] {
        let v = Int(context.neighbor[e])
        guard level[v] < 0, !context.threat[i * n + v] else { continue }
        let t = Int(context.tieOf[e])
        if defenseOnly && !context.isDefense[t] { continue }
        let coin = MonteCarlo.coin(seed: context.seed, draw: draw, key: context.keys[t])
        guard coin < (defenseOnly ? context.defenseR[t] : context.ties[t].2) else { continue }
        level[v] = depth + 1
        queue[tail] = Int32(v)
        tail += 1
        sum += weights[i * n + v]
      }
    }
    for k in 0..<tail { level[Int(queue[k])] = -1 }
    return sum
  }
}
