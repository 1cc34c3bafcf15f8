import AllianceModel
import GraphAlgorithms
import GraphCore

/// Coverage over a set of nations (a region, a group, the system): total threat pressure,
/// total gap and counts. Committed defense D is never summed: a patron counts for each of
/// its protégés by design, so a sum of D would count the same capability many times.
public struct CoverageRollup: Sendable, Hashable {
  public var name: String
  public var nations: Int
  public var threatened: Int
  public var uncovered: Int
  public var dependent: Int
  /// Σ Θ_i over the members.
  public var theta: Double
  /// Σ G_i over the members.
  public var gap: Double
  /// Mean FM over nations where it is defined.
  public var meanFM: Double

  /// Sums `assessment` over `members`.
  public init(name: String, members: [Int], assessment: Assessment) {
    self.name = name
    nations = members.count
    var threatened = 0, uncovered = 0, dependent = 0
    var theta = 0.0, gap = 0.0, fmSum = 0.0, fmCount = 0
    for i in members {
      let a = assessment.nations[i]
      if a.threatCount > 0 {
        threatened += 1
        theta += a.theta
      }
      if a.uncovered { uncovered += 1 }
      if a.dependent { dependent += 1 }
      gap += a.gap
      if a.fm.isFinite {
        fmSum += a.fm
        fmCount += 1
      }
    }
    self.threatened = threatened
    self.uncovered = uncovered
    self.dependent = dependent
    self.theta = theta
    self.gap = gap
    meanFM = fmCount > 0 ? fmSum / Double(fmCount) : .nan
  }

  /// One roll-up per region present, then the whole system.
  public static func byRegion(_ network: StrategicNetwork, _ assessment: Assessment) -> [CoverageRollup] {
    var result: [CoverageRollup] = []
    for region in Region.allCases {
      let members = (0..<network.nodeCount).filter { network.regions[$0] == region }
      if !members.isEmpty { result.append(CoverageRollup(name: region.rawValue, members: members, assessment: assessment)) }
    }
    let unknown = (0..<network.nodeCount).filter { network.regions[$0] == nil }
    if !unknown.isEmpty { result.append(CoverageRollup(name: "(no region)", members: unknown, assessment: assessment)) }
    result.append(CoverageRollup(name: "system", members: Array(0..<network.nodeCount), assessment: assessment))
    return result
  }
}

/// Structural single points of failure of the defense layer.
public struct SinglePointsOfFailure: Sendable {
  /// Nations whose defection disconnects the defense layer.
  public var articulationPoints: [Int]
  /// Defense ties whose loss disconnects it, as node pairs.
  public var bridges: [(Int, Int)]

  /// Articulation points and bridges of the defense/offense layer. O(n² + m).
  public init(_ network: StrategicNetwork) {
    let graph = network.layerGraph(ReliabilityGraph.defenseLayer)
    // An undirected graph never makes CutVertices throw.
    let cuts = (try? CutVertices.compute(graph)) ?? (articulationPoints: [], bridges: [])
    articulationPoints = cuts.articulationPoints.map { Int($0) }.sorted()
    bridges = cuts.bridges.map { (Int(min($0.0, $0.1)), Int(max($0.0, $0.1))) }.sorted { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
  }
}
