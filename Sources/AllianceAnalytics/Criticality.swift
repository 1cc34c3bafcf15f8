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
  /// Every nation's criticality, largest gap increase first (ties by node id).
  ///
  /// A defecting nation k is excluded from every path; only nations with threats that k
  /// could reach in ≤ H defense hops (and k itself) are re-evaluated.
  /// O(n · (affected · H · m)), parallel over k with `threads`.
  public static func ranking(_ network: StrategicNetwork, _ assessment: Assessment, threads: Int = 1) -> [CriticalityEntry] {
    let n = network.nodeCount
    let parameters = assessment.parameters
    let defenseGraph = ReliabilityGraph(network, layer: ReliabilityGraph.defenseLayer, parameters: parameters)
    let c = network.capability
    var entries = [CriticalityEntry](repeating: CriticalityEntry(nation: 0, gapIncrease: 0, newlyUncovered: 0, mostAffected: nil, mostAffectedIncrease: 0), count: n)
    let threatened = (0..<n).filter { assessment.nations[$0].threatCount > 0 }
    ParallelLoop.run(count: n, threads: threads) { range in
      var row: [Double] = []
      var scratch = ReachScratch()
      var local: [(Int, CriticalityEntry)] = []
      for k in range {
        var total = 0.0, newly = 0, worst: Int? = nil, worstIncrease = 0.0
        for i in threatened {
          let before = assessment.nations[i]
          let affected = i == k || assessment.defenseReach[i * n + k] > 0
          guard affected else { continue }
          var d = c[i]
          if i != k {
            Reach.from(i, in: defenseGraph, hops: parameters.hops, excluding: k, into: &row, scratch: &scratch)
            for j in 0..<n where j != i && j != k && !network.isThreat(i, j) { d += row[j] * assessment.decay[i * n + j] * c[j] }
          }
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
