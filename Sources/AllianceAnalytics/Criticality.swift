import AllianceModel

/// How much coverage the system loses when one nation defects.
public struct CriticalityEntry: Sendable, Hashable {
  public var nation: Int
  /// Σ_i ΔG_i when `nation` leaves all its ties.
  public var gapIncrease: Double
  /// Nations covered before and uncovered after.
  public var newlyUncovered: Int
  /// The nation whose gap grows most, and by how much.
  public var mostAffected: Int?
  public var mostAffectedIncrease: Double
}

/// Criticality ranking: each nation defects in turn (DESIGN §6, resilience).
public enum Criticality {
  /// Every nation's criticality, largest gap increase first (ties by node id): Σ_{i≠k} ΔG_i
  /// when k defects (its own loss is not counted, and it is never its own most affected).
  ///
  /// A defecting nation k is excluded from every path; only the other nations with threats
  /// that k could reach in ≤ H_D defense hops, or that k threatens (its ties to their
  /// patrons go, which raises those patrons' φ), are re-evaluated.
  /// O(n · (affected · H · m)), parallel over k with `threads`.
  public static func ranking(_ network: StrategicNetwork, _ assessment: Assessment, threads: Int = 1) -> [CriticalityEntry] {
    let n = network.nodeCount
    let parameters = assessment.parameters
    let defenseGraph = ReliabilityGraph(network, layer: ReliabilityGraph.defenseLayer, parameters: parameters)
    let c = network.capability
    var entries = [CriticalityEntry](repeating: CriticalityEntry(nation: 0, gapIncrease: 0, newlyUncovered: 0, mostAffected: nil, mostAffectedIncrease: 0), count: n)
    let threatened = (0..<n).filter { assessment.nations[$0].threatCount > 0 }
    var defenseWeights = [[Double]](repeating: [], count: n)
    for i in threatened { defenseWeights[i] = SharedPatrons.defenseWeights(i, network: network) { assessment.decay[i * n + $0] } }
    let weights = defenseWeights
    ParallelLoop.run(count: n, threads: threads) { range in
      var row: [Double] = []
      var scratch = ReachScratch()
      var local: [(Int, CriticalityEntry)] = []
      for k in range {
        var total = 0.0, newly = 0, worst: Int? = nil, worstIncrease = 0.0
        for i in threatened where i != k && (assessment.defenseReach[i * n + k] > 0 || network.isThreat(i, k)) {
          let before = assessment.nations[i]
          let weight = network.isThreat(i, k)
            ? SharedPatrons.defenseWeights(i, network: network, defector: k) { assessment.decay[i * n + $0] } : weights[i]
          var d = c[i]
          Reach.from(i, in: defenseGraph, hops: parameters.defenseHops, excluding: k, into: &row, scratch: &scratch)
          for j in 0..<n where j != i && j != k { d += row[j] * weight[j] }
          let gap = max(0, before.theta - d)
          let increase = gap - before.gap
          total += increase
          let crAfter = before.theta > 0 ? d / before.theta : .infinity
          if !before.uncovered && crAfter < 1 { newly += 1 }
          if increase > worstIncrease {
            worstIncrease = increase
            worst = i
          }
        }
        local.append((k, CriticalityEntry(nation: k, gapIncrease: total, newlyUncovered: newly, mostAffected: worst, mostAffectedIncrease: worstIncrease)))
      }
      return local
    } merge: { local in
      for (k, entry) in local { entries[k] = entry }
    }
    return entries.sorted { $0.gapIncrease != $1.gapIncrease ? $0.gapIncrease > $1.gapIncrease : $0.nation < $1.nation }
  }
}
