import AllianceModel
import Foundation

/// The measures of each option in every draw, with formation drawn and with every tie
/// formed, on common random numbers (DESIGN §6, "The thesis").
public struct ThesisDraws: Sendable {
  /// `drawn[o][d]` and `formed[o][d]`: option o's measure in draw d.
  public var drawn: [[Double]]
  public var formed: [[Double]]
  public var count: Int { drawn.first?.count ?? 0 }
}

/// Monte Carlo of the thesis for one focal nation. One draw samples the parameters from
/// their priors (``ThesisPriors``), whether each option's formation events happen (p_form,
/// p_join), and whether each tie holds (its r under the drawn parameters; with common
/// shocks, one coin per treaty). Every option sees the same coins (common random numbers):
/// a tie's coin depends only on (seed, draw, tie or treaty), so results do not depend on
/// the thread count, and a tie whose r an option raises holds whenever it held before.
///
/// The measure of an option X in a draw: with threats, `gap_base − gap_X`,
/// `gap = max(0, Θ + entrapment − D)`; without, `(E_X − E_base) − max(0, entrapment − D_X)`.
/// E counts nations reached within H hops over holding capability-bearing ties that avoid
/// the focus's threats; D nations reached within H_D hops over holding defense/offense ties,
/// weighted by φ (shared patrons).
public struct ThesisSimulation: Sendable {
  let network: StrategicNetwork
  let focus: Int
  let options: [ThesisOption]
  let base: ThesisParameters
  let commonShock: Bool
  /// A prior held at a value (sensitivity), by index into ``ThesisPriors/all``.
  let fixed: (prior: Int, value: Double)?
  let seed: UInt64
  let drawPriors: Bool
  /// Whether the focus has threat pressure at the default parameters (the measure is then
  /// the gap reduction).
  public let threatened: Bool
  // Base ties (u < v) in the capability layer, as adjacency with tie indices.
  let tieA: [Int32]
  let tieB: [Int32]
  let capabilityRecipes: [TieRecipe]
  let defenseRecipes: [TieRecipe]
  let tieKeys: [UInt64]
  let offsets: [Int]
  let neighbor: [Int32]
  let tieOf: [Int32]
  let threats: [Int]
  /// `defendsThreat[k * |T| + t]`: k has a defense/offense obligation to threat t.
  let defendsThreat: [Bool]
  // Per option: the base tie each option tie overrides (or −1), and new ties as adjacency.
  let overrideOf: [[Int32]]
  /// Per option and base tie: the option tie that overrides it, or −1.
  let overrideByTie: [[Int32]]
  /// Whether each option overrides any base tie.
  let hasOverrides: [Bool]
  /// The focus and its threats: never entered by a search.
  let blocked: [Bool]
  let extraOffsets: [[Int]]
  let extraNeighbor: [[Int32]]
  let extraTie: [[Int32]]
  let optionKeys: [[UInt64]]
  /// Per option: (option tie, imported threat, w) for entrapment.
  let imports: [[(Int, Int, Double)]]

  /// Prepares the draws. `network` is the baseline every option changes; `fixed` holds one
  /// prior at a value. O(n² + ties + Σ option ties).
  public init(
    _ network: StrategicNetwork, focus: Int, options: [ThesisOption], parameters: ThesisParameters, fixed: (prior: Int, value: Double)? = nil,
    drawPriors: Bool = true
  ) {
    self.drawPriors = drawPriors
    self.network = network
    self.focus = focus
    self.options = options
    base = parameters
    commonShock = parameters.model.commonShock
    self.fixed = fixed
    seed = parameters.model.seed
    let n = network.nodeCount
    let defaults = ReliabilityTables(parameters.model)
    var a: [Int32] = [], b: [Int32] = [], capability: [TieRecipe] = [], defense: [TieRecipe] = [], keys: [UInt64] = []
    var pairTie = [Int: Int]()
    for u in 0..<n {
      for v in (u + 1)..<max(u + 1, n) where network.types[u * n + v] & ReliabilityGraph.capabilityLayer.rawValue != 0 {
        let recipe = TieRecipe(network, u, v, in: ReliabilityGraph.capabilityLayer)
        let evaluated = recipe.evaluate(defaults)
        pairTie[u * n + v] = a.count
        a.append(Int32(u))
        b.append(Int32(v))
        capability.append(recipe)
        defense.append(TieRecipe(network, u, v, in: ReliabilityGraph.defenseLayer))
        let treaty = evaluated.best.flatMap { recipe.terms[$0].treaty }
        keys.append(commonShock && treaty != nil ? ThesisSimulation.key(1, UInt64(treaty!)) : ThesisSimulation.key(0, UInt64(u * n + v)))
      }
    }
    tieA = a
    tieB = b
    capabilityRecipes = capability
    defenseRecipes = defense
    tieKeys = keys
    let (offsets, neighbor, tieOf) = DrawSupport.adjacency(nodes: n, pairs: a.indices.map { (Int(a[$0]), Int(b[$0])) })
    self.offsets = offsets
    self.neighbor = neighbor
    self.tieOf = tieOf
    let threats = network.threats(of: focus)
    self.threats = threats
    var defends = [Bool](repeating: false, count: n * threats.count)
    for k in 0..<n {
      for (t, j) in threats.enumerated() where j != k && network.defends(k, j) { defends[k * threats.count + t] = true }
    }
    defendsThreat = defends
    var theta = 0.0
    for j in threats { theta += network.threatWeight(focus, j) * parameters.model.decayFactor(network.distance[focus * n + j]) * network.capability[j] }
    threatened = theta > 0
    var overrideOf: [[Int32]] = [], extraOffsets: [[Int]] = [], extraNeighbor: [[Int32]] = [], extraTie: [[Int32]] = []
    var optionKeys: [[UInt64]] = [], imports: [[(Int, Int, Double)]] = []
    var overrideByTie: [[Int32]] = []
    for (optionIndex, option) in options.enumerated() {
      var byTie = [Int32](repeating: -1, count: a.count)
      var override = [Int32](repeating: -1, count: option.ties.count)
      var keys = [UInt64](repeating: 0, count: option.ties.count)
      var list: [(Int, Int, Int)] = []
      for (index, tie) in option.ties.enumerated() {
        let u = min(tie.a, tie.b), v = max(tie.a, tie.b)
        if let t = pairTie[u * n + v] {
          // A tie the option strengthens keeps its coin: it holds whenever it held before.
          override[index] = Int32(t)
          byTie[t] = Int32(index)
        } else {
          switch (commonShock, tie.shock) {
          case (true, .treaty(let treaty)): keys[index] = ThesisSimulation.key(1, UInt64(treaty))
          case (true, .newTreaty): keys[index] = ThesisSimulation.key(7, UInt64(optionIndex))
          default: keys[index] = ThesisSimulation.key(5, UInt64(u * n + v))
          }
          list.append((u, v, index))
        }
      }
      // New ties as adjacency; entries hold the option's tie index.
      let (extra, neighbors, adjacencyTie) = DrawSupport.adjacency(nodes: n, pairs: list.map { ($0.0, $0.1) })
      let ties = adjacencyTie.map { Int32(list[Int($0)].2) }
      var imported: [(Int, Int, Double)] = []
      if option.kind != .deepening {
        for (index, tie) in option.ties.enumerated() where tie.a == focus || tie.b == focus {
          let k = tie.a == focus ? tie.b : tie.a
          for t in 0..<n where t != focus && t != k && network.isThreat(k, t) && !network.isThreat(focus, t) && !option.partners.contains(t) {
            imported.append((index, t, network.threatWeight(k, t)))
          }
        }
      }
      overrideOf.append(override)
      overrideByTie.append(byTie)
      extraOffsets.append(extra)
      extraNeighbor.append(neighbors)
      extraTie.append(ties)
      optionKeys.append(keys)
      imports.append(imported)
    }
    self.overrideOf = overrideOf
    self.overrideByTie = overrideByTie
    hasOverrides = overrideOf.map { $0.contains { $0 >= 0 } }
    blocked = (0..<n).map { network.isThreat(focus, $0) }
    self.extraOffsets = extraOffsets
    self.extraNeighbor = extraNeighbor
    self.extraTie = extraTie
    self.optionKeys = optionKeys
    self.imports = imports
  }

  /// A coin key in one of several name spaces (category), hashed so spaces never collide.
  static func key(_ category: UInt64, _ value: UInt64) -> UInt64 { DrawSupport.mix(category << 56 ^ DrawSupport.mix(value)) }

  /// The uniform number in [0, 1) of `key` in draw `draw`.
  @inline(__always) static func coin(seed: UInt64, draw: Int, key: UInt64) -> Double {
    Double(DrawSupport.mix(seed ^ DrawSupport.mix(UInt64(truncatingIfNeeded: draw) &* 0xD1B5_4A32_D192_ED03 ^ key)) >> 11) * 0x1p-53
  }

  /// The parameters of draw `draw`: every prior sampled, except a fixed one.
  public func parameters(draw: Int) -> ThesisParameters {
    var p = base
    for (index, prior) in ThesisPriors.all.enumerated() {
      if !drawPriors {
        if let fixed, fixed.prior == index { prior.set(fixed.value, in: &p) }
      } else if let fixed, fixed.prior == index {
        prior.set(fixed.value, in: &p)
      } else {
        prior.set(prior.value(ThesisSimulation.coin(seed: seed, draw: draw, key: ThesisSimulation.key(8, UInt64(index)))), in: &p)
      }
    }
    return p
  }

  /// Runs `draws` draws on `threads` threads. O(draws · options · (H · ties near the focus)).
  public func run(draws: Int, threads: Int = 1) -> ThesisDraws {
    // Columns 2o and 2o + 1: option o with formation drawn and with every tie formed.
    let samples = DrawSupport.collect(draws: draws, threads: threads, columns: 2 * options.count, make: { ThesisWorker(self) }) { worker, draw, values in
      worker.run(draw: draw)
      for o in options.indices {
        values[2 * o] = worker.drawn[o]
        values[2 * o + 1] = worker.formed[o]
      }
    }
    let drawn = options.indices.map { samples[2 * $0] }, formed = options.indices.map { samples[2 * $0 + 1] }
    return ThesisDraws(drawn: drawn, formed: formed)
  }
}

/// One thread's buffers for thesis draws.
struct ThesisWorker {
  let s: ThesisSimulation
  let n: Int
  var drawn: [Double]
  var formed: [Double]
  var stamp: [Int]
  var holdsCapability: [Bool]
  var holdsDefense: [Bool]
  var level: [Int32]
  var queue: [Int32]
  var g: [Double]
  var weightE: [Double]
  var weightD: [Double]
  var optionCapability: [Bool] = []
  var optionDefense: [Bool] = []
  var optionActive: [Bool] = []
  var strongest: [Double]

  init(_ simulation: ThesisSimulation) {
    s = simulation
    n = simulation.network.nodeCount
    drawn = [Double](repeating: 0, count: simulation.options.count)
    formed = drawn
    stamp = [Int](repeating: -1, count: simulation.tieA.count)
    holdsCapability = [Bool](repeating: false, count: simulation.tieA.count)
    holdsDefense = holdsCapability
    level = [Int32](repeating: -1, count: n)
    queue = [Int32](repeating: 0, count: n)
    g = [Double](repeating: 0, count: n)
    weightE = g
    weightD = g
    strongest = g
  }

  mutating func run(draw: Int) {
    let p = s.parameters(draw: draw)
    let tables = ReliabilityTables(p.model)
    let i = s.focus
    var pressure = [Double](repeating: 0, count: s.threats.count)
    for v in 0..<n { g[v] = p.model.decayFactor(s.network.distance[i * n + v]) }
    var theta = 0.0
    for (t, j) in s.threats.enumerated() {
      pressure[t] = s.network.threatWeight(i, j) * g[j] * s.network.capability[j]
      theta += pressure[t]
    }
    for v in 0..<n {
      guard v != i, !s.network.isThreat(i, v) else {
        weightE[v] = 0
        weightD[v] = 0
        continue
      }
      var phi = 1.0
      if theta > 0 {
        var shared = 0.0
        for t in s.threats.indices where s.defendsThreat[v * s.threats.count + t] { shared += pressure[t] }
        phi = max(0, (theta - shared) / theta)
      }
      weightE[v] = g[v] * s.network.capability[v]
      weightD[v] = phi * weightE[v]
    }
    let hops = p.model.hops, defenseHops = p.model.defenseHops
    let c = s.network.capability[i]
    let baseE = c + search(draw: draw, tables: tables, option: nil, hops: hops, defense: false)
    let baseD = c + search(draw: draw, tables: tables, option: nil, hops: defenseHops, defense: true)
    let baseGap = max(0, theta - baseD)
    func measure(_ o: Int, happened: [Bool]?) -> Double {
      prepare(option: o, draw: draw, tables: tables, happened: happened)
      let e = c + search(draw: draw, tables: tables, option: o, hops: hops, defense: false)
      let d = c + search(draw: draw, tables: tables, option: o, hops: defenseHops, defense: true)
      let added = entrapment(option: o, parameters: p, tables: tables)
      return s.threatened ? baseGap - max(0, theta + added - d) : (e - baseE) - max(0, added - d)
    }
    for o in s.options.indices {
      // Which of the option's events happen in this draw; when all do, formation drawn is
      // the case of every tie formed.
      let happened = s.options[o].events.map { ThesisSimulation.coin(seed: s.seed, draw: draw, key: $0.key) < $0.probability }
      formed[o] = measure(o, happened: nil)
      drawn[o] = happened.allSatisfy { $0 } ? formed[o] : measure(o, happened: happened)
    }
  }

  /// Flips the coins of option `o`'s ties: whether each is formed (`happened`, all when
  /// `nil`) and holds in each layer.
  mutating func prepare(option o: Int, draw: Int, tables: ReliabilityTables, happened: [Bool]?) {
    let option = s.options[o]
    // Buffers reused across options and draws.
    optionActive.removeAll(keepingCapacity: true)
    optionCapability.removeAll(keepingCapacity: true)
    optionDefense.removeAll(keepingCapacity: true)
    for tie in option.ties { optionActive.append(tie.event.map { happened?[$0] ?? true } ?? true) }
    optionCapability.append(contentsOf: repeatElement(false, count: option.ties.count))
    optionDefense.append(contentsOf: repeatElement(false, count: option.ties.count))
    for (index, tie) in option.ties.enumerated() where optionActive[index] {
      let base = s.overrideOf[o][index]
      let key = base >= 0 ? s.tieKeys[Int(base)] : s.optionKeys[o][index]
      let coin = ThesisSimulation.coin(seed: s.seed, draw: draw, key: key)
      optionCapability[index] = coin < tie.capability.r(tables)
      optionDefense[index] = coin < tie.defense.r(tables)
    }
  }

  /// ε · Σ_t max over formed ties that import t of (r_def · w) · g(d_it) · C_t.
  mutating func entrapment(option o: Int, parameters: ThesisParameters, tables: ReliabilityTables) -> Double {
    let imports = s.imports[o]
    guard !imports.isEmpty else { return 0 }
    for (_, t, _) in imports { strongest[t] = 0 }
    for (index, t, w) in imports where optionActive[index] {
      strongest[t] = max(strongest[t], s.options[o].ties[index].defense.r(tables) * w)
    }
    var added = 0.0
    for (_, t, _) in imports where strongest[t] > 0 {
      added += parameters.entrapment * strongest[t] * g[t] * s.network.capability[t]
      strongest[t] = 0
    }
    return added
  }

  /// Whether base tie `t` holds in the layer this draw (coins flipped once per draw).
  @inline(__always) mutating func holds(_ t: Int, draw: Int, tables: ReliabilityTables, defense: Bool) -> Bool {
    if stamp[t] != draw {
      stamp[t] = draw
      let coin = ThesisSimulation.coin(seed: s.seed, draw: draw, key: s.tieKeys[t])
      holdsCapability[t] = coin < s.capabilityRecipes[t].r(tables)
      holdsDefense[t] = coin < s.defenseRecipes[t].r(tables)
    }
    return defense ? holdsDefense[t] : holdsCapability[t]
  }

  /// Σ weight over nations reached from the focus within `hops` over holding ties (with
  /// option `option`'s ties when given), never entering a threat of the focus.
  mutating func search(draw: Int, tables: ReliabilityTables, option: Int?, hops: Int, defense: Bool) -> Double {
    let i = s.focus
    let weights = defense ? weightD : weightE
    let blocked = s.blocked, offsets = s.offsets, neighbor = s.neighbor, tieOf = s.tieOf
    // The option's overrides of base ties (empty when it has none) and its new ties.
    let overrides = option.map { s.hasOverrides[$0] ? s.overrideByTie[$0] : [] } ?? []
    let extraOffsets = option.map { s.extraOffsets[$0] } ?? [], extraNeighbor = option.map { s.extraNeighbor[$0] } ?? []
    let extraTie = option.map { s.extraTie[$0] } ?? []
    let optionHolds = defense ? optionDefense : optionCapability
    let limit = Int32(hops)
    var head = 0, tail = 1
    queue[0] = Int32(i)
    level[i] = 0
    var sum = 0.0
    while head < tail {
      let u = Int(queue[head])
      head += 1
      let depth = level[u]
      if depth >= limit { continue }
      for e in offsets[u]..<offsets[u + 1] {
        let v = Int(neighbor[e])
        guard level[v] < 0, !blocked[v] else { continue }
        let t = Int(tieOf[e])
        let holding: Bool
        if !overrides.isEmpty, case let index = Int(overrides[t]), index >= 0, optionActive[index] {
          holding = optionHolds[index]
        } else {
          holding = holds(t, draw: draw, tables: tables, defense: defense)
        }
        guard holding else { continue }
        level[v] = depth + 1
        queue[tail] = Int32(v)
        tail += 1
        sum += weights[v]
      }
      if !extraOffsets.isEmpty {
        for e in extraOffsets[u]..<extraOffsets[u + 1] {
          let v = Int(extraNeighbor[e])
          let index = Int(extraTie[e])
          guard level[v] < 0, !blocked[v], optionActive[index], optionHolds[index] else { continue }
          level[v] = depth + 1
          queue[tail] = Int32(v)
          tail += 1
          sum += weights[v]
        }
      }
    }
    for k in 0..<tail { level[Int(queue[k])] = -1 }
    return sum
  }
}
