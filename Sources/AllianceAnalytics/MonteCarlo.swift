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
/// probability r, independently; a nation contributes to E_i when it is reachable from i
/// within H hops over holding ties (to D_i over holding defense/offense ties).
///
/// Whether a tie holds in a draw is a hash of (seed, draw, tie), so results do not depend on
/// the thread count or on the search order.
public enum MonteCarlo {
  /// Runs `parameters.draws` draws for the nations in `focus` (all nations when `nil`).
  ///
  /// O(draws · (H · m · ⌈n/64⌉ + Σ reached)) for all nations with bit-parallel reach;
  /// O(draws · H · m) per focal nation with a BFS.
  public static func run(
    _ network: StrategicNetwork, parameters: ModelParameters, focus: [Int]? = nil, threads: Int = 1
  ) -> [ReliabilityDistribution] {
    let n = network.nodeCount
    let graph = ReliabilityGraph(network, layer: ReliabilityGraph.capabilityLayer, parameters: parameters)
    let ties = graph.ties
    let defenseMask = ReliabilityGraph.defenseLayer.rawValue
    let isDefense = ties.map { network.types[$0.0 * n + $0.1] & defenseMask != 0 }
    let targets = focus ?? Array(0..<n)
    let draws = parameters.draws
    // weight[i][j] = g(d_ij)·C_j for partners (0 for threats and i itself); theta per node.
    var weight = [Double](repeating: 0, count: n * n)
    var theta = [Double](repeating: 0, count: n)
    var threatened = [Bool](repeating: false, count: n)
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
    }
    var tieOffsets = [Int](repeating: 0, count: n + 1)
    for (u, v, _) in ties {
      tieOffsets[u + 1] += 1
      tieOffsets[v + 1] += 1
    }
    for u in 0..<n { tieOffsets[u + 1] += tieOffsets[u] }
    var fill = tieOffsets
    var neighbor = [Int32](repeating: 0, count: 2 * ties.count), tieOf = neighbor
    for (t, (u, v, _)) in ties.enumerated() {
      neighbor[fill[u]] = Int32(v)
      tieOf[fill[u]] = Int32(t)
      fill[u] += 1
      neighbor[fill[v]] = Int32(u)
      tieOf[fill[v]] = Int32(t)
      fill[v] += 1
    }
    let context = DrawContext(
      n: n, ties: ties.map { (Int32($0.0), Int32($0.1), $0.2) }, offsets: tieOffsets, neighbor: neighbor, tieOf: tieOf,
      isDefense: isDefense, weight: weight,
      capability: network.capability, targets: targets, hops: parameters.hops, seed: parameters.seed)
    // Samples: per target, E and D for every draw.
    var eSamples = [[Double]](repeating: [], count: targets.count)
    var dSamples = [[Double]](repeating: [], count: targets.count)
    for t in targets.indices {
      eSamples[t].reserveCapacity(draws)
      dSamples[t].reserveCapacity(draws)
    }
    let chunk = max(1, draws / max(1, threads * 8))
    let chunks = (draws + chunk - 1) / chunk
    ParallelLoop.run(count: chunks, threads: threads) { range in
      var worker = DrawWorker(context)
      var e = [[Double]](repeating: [], count: context.targets.count)
      var d = [[Double]](repeating: [], count: context.targets.count)
      for c in range {
        for draw in (c * chunk)..<min(draws, (c + 1) * chunk) {
          worker.run(draw: draw)
          for t in context.targets.indices {
            e[t].append(worker.e[t])
            d[t].append(worker.d[t])
          }
        }
      }
      return (e, d)
    } merge: { part in
      for t in targets.indices {
        eSamples[t].append(contentsOf: part.0[t])
        dSamples[t].append(contentsOf: part.1[t])
      }
    }
    return targets.indices.map { t in
      let i = targets[t]
      var e = eSamples[t]
      var cr = dSamples[t].map { threatened[i] ? (theta[i] > 0 ? $0 / theta[i] : .infinity) : .infinity }
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
  @inlinable static func coin(seed: UInt64, draw: Int, tie: Int) -> Double {
    @inline(__always) func mix(_ x: UInt64) -> UInt64 {
      var z = x &+ 0x9E37_79B9_7F4A_7C15
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
    let key = mix(seed ^ mix(UInt64(truncatingIfNeeded: draw) << 32 | UInt64(truncatingIfNeeded: tie)))
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
  let ties: [(Int32, Int32, Double)]
  /// Every tie as adjacency (CSR) with its tie index, for searches that flip coins lazily.
  let offsets: [Int]
  let neighbor: [Int32]
  let tieOf: [Int32]
  let isDefense: [Bool]
  let weight: [Double]
  let capability: [Double]
  let targets: [Int]
  let hops: Int
  let seed: UInt64
}

/// One thread's buffers for draws.
struct DrawWorker {
  let context: DrawContext
  let words: Int
  let bitParallel: Bool
  var holds: [Bool]
  var e: [Double]
  var d: [Double]
  // Bit-parallel reach: current and previous sets, n × words each.
  var current: [UInt64] = []
  var previous: [UInt64] = []
  // Holding adjacency (CSR rebuilt per draw).
  var offsets: [Int]
  var adjacency: [Int32]
  var defenseOffsets: [Int]
  var defenseAdjacency: [Int32]
  // BFS buffers for few targets.
  var level: [Int32]
  var queue: [Int32]

  init(_ context: DrawContext) {
    self.context = context
    let n = context.n
    words = (n + 63) / 64
    // Bit-parallel pays off when many nations are targets.
    bitParallel = context.targets.count > 8
    holds = [Bool](repeating: false, count: context.ties.count)
    e = [Double](repeating: 0, count: context.targets.count)
    d = e
    offsets = [Int](repeating: 0, count: n + 1)
    adjacency = [Int32](repeating: 0, count: 2 * context.ties.count)
    defenseOffsets = offsets
    defenseAdjacency = adjacency
    level = [Int32](repeating: -1, count: n)
    queue = [Int32](repeating: 0, count: n)
    if bitParallel {
      current = [UInt64](repeating: 0, count: n * words)
      previous = current
    }
  }

  mutating func run(draw: Int) {
    if bitParallel {
      for t in context.ties.indices { holds[t] = MonteCarlo.coin(seed: context.seed, draw: draw, tie: t) < context.ties[t].2 }
      buildAdjacency(defenseOnly: false, offsets: &offsets, adjacency: &adjacency)
      buildAdjacency(defenseOnly: true, offsets: &defenseOffsets, adjacency: &defenseAdjacency)
      reachAll(offsets: offsets, adjacency: adjacency)
      for (t, i) in context.targets.enumerated() { e[t] = context.capability[i] + sumReached(i) }
      reachAll(offsets: defenseOffsets, adjacency: defenseAdjacency)
      for (t, i) in context.targets.enumerated() { d[t] = context.capability[i] + sumReached(i) }
    } else {
      // Few targets: search from each, flipping a tie's coin only when the search meets it.
      for (t, i) in context.targets.enumerated() {
        e[t] = context.capability[i] + bfsSum(i, draw: draw, defenseOnly: false)
        d[t] = context.capability[i] + bfsSum(i, draw: draw, defenseOnly: true)
      }
    }
  }

  func buildAdjacency(defenseOnly: Bool, offsets: inout [Int], adjacency: inout [Int32]) {
    let n = context.n
    for i in 0...n { offsets[i] = 0 }
    for t in context.ties.indices where holds[t] && (!defenseOnly || context.isDefense[t]) {
      offsets[Int(context.ties[t].0) + 1] += 1
      offsets[Int(context.ties[t].1) + 1] += 1
    }
    for i in 0..<n { offsets[i + 1] += offsets[i] }
    var fill = offsets
    for t in context.ties.indices where holds[t] && (!defenseOnly || context.isDefense[t]) {
      let (u, v, _) = context.ties[t]
      adjacency[fill[Int(u)]] = v
      fill[Int(u)] += 1
      adjacency[fill[Int(v)]] = u
      fill[Int(v)] += 1
    }
  }

  /// Every node's set of nodes within H hops, bit-parallel.
  mutating func reachAll(offsets: [Int], adjacency: [Int32]) {
    let n = context.n, w = words
    for i in 0..<(n * w) { current[i] = 0 }
    for u in 0..<n { current[u * w + u / 64] |= 1 << UInt64(u % 64) }
    for _ in 0..<context.hops {
      swap(&current, &previous)
      current.withUnsafeMutableBufferPointer { cur in
        previous.withUnsafeBufferPointer { prev in
          for u in 0..<n {
            let base = u * w
            for k in 0..<w { cur[base + k] = prev[base + k] }
            for e in offsets[u]..<offsets[u + 1] {
              let vb = Int(adjacency[e]) * w
              for k in 0..<w { cur[base + k] |= prev[vb + k] }
            }
          }
        }
      }
    }
  }

  /// Σ weight[i][j] over j in i's reach set (weights are 0 for threats and i).
  func sumReached(_ i: Int) -> Double {
    let n = context.n, w = words
    var sum = 0.0
    context.weight.withUnsafeBufferPointer { weight in
      current.withUnsafeBufferPointer { cur in
        for k in 0..<w {
          var bits = cur[i * w + k]
          while bits != 0 {
            let j = k * 64 + bits.trailingZeroBitCount
            sum += weight[i * n + j]
            bits &= bits - 1
          }
        }
      }
    }
    return sum
  }

  /// Σ weight[i][j] over j within H hops of i over holding ties, by BFS.
  mutating func bfsSum(_ i: Int, draw: Int, defenseOnly: Bool) -> Double {
    let n = context.n
    var head = 0, tail = 0
    queue[tail] = Int32(i)
    tail += 1
    level[i] = 0
    var sum = 0.0
    while head < tail {
      let u = Int(queue[head])
      head += 1
      let depth = level[u]
      if depth >= Int32(context.hops) { continue }
      for e in context.offsets[u]..<context.offsets[u + 1] {
        let v = Int(context.neighbor[e])
        guard level[v] < 0 else { continue }
        let t = Int(context.tieOf[e])
        if defenseOnly && !context.isDefense[t] { continue }
        guard MonteCarlo.coin(seed: context.seed, draw: draw, tie: t) < context.ties[t].2 else { continue }
        level[v] = depth + 1
        queue[tail] = Int32(v)
        tail += 1
        sum += context.weight[i * n + v]
      }
    }
    for k in 0..<tail { level[Int(queue[k])] = -1 }
    return sum
  }
}
