import AllianceModel
import Foundation
import GraphAlgorithms
import GraphCore

/// Blocs (communities of the alliance layer) and polarization over them.
public struct BlocStructure: Sendable {
  /// Bloc number per node (numbered by size, largest first; isolated nations form their own blocs).
  public var bloc: [Int]
  public var count: Int
  public var modularity: Double
  /// Each bloc's share of total capability.
  public var capabilityShare: [Double]
  /// Esteban–Ray polarization P = Σ_a Σ_b π_a^{1+α} π_b · δ_ab with δ_ab = 1 between
  /// different blocs, π the capability shares.
  public var polarization: Double

  /// Louvain on the obligation layer weighted by ATOP ordinal strength (3 defense/offense,
  /// 2 neutrality/consultation, 1 nonaggression). Seeded, deterministic.
  public init(_ network: StrategicNetwork, parameters: ModelParameters, seed: UInt64 = 1) {
    let n = network.nodeCount
    var edges = EdgeList(nodeCount: n, weights: [])
    for u in 0..<n {
      for v in (u + 1)..<max(u + 1, n) {
        let strength = PortfolioSimilarity.ordinal(network.types(u, v))
        if strength > 0 { edges.append(UInt32(u), UInt32(v), weight: Double(strength)) }
      }
    }
    let graph = CSRGraph(edges: edges, options: BuildOptions(directed: false, threads: 1))
    // An undirected graph with positive weights never makes Louvain throw.
    let found = try? Louvain.communities(graph, weighted: true, seed: seed)
    let community: [Int] = found.map { $0.community.map { Int($0) } } ?? Array(0..<n)
    // Renumber by size (largest first), then by smallest member.
    var members = [[Int]](repeating: [], count: max(n, 1))
    for v in 0..<n { members[community[v]].append(v) }
    let nonEmpty: [[Int]] = members.filter { !$0.isEmpty }
    let groups: [[Int]] = nonEmpty.sorted { (a: [Int], b: [Int]) -> Bool in
      a.count != b.count ? a.count > b.count : a[0] < b[0]
    }
    var bloc = [Int](repeating: 0, count: n)
    for (number, group) in groups.enumerated() { for v in group { bloc[v] = number } }
    self.bloc = bloc
    count = groups.count
    modularity = found?.modularity ?? 0
    let total = network.capability.reduce(0, +)
    var share = [Double](repeating: 0, count: groups.count)
    for v in 0..<n { share[bloc[v]] += total > 0 ? network.capability[v] / total : 0 }
    capabilityShare = share
    polarization = BlocStructure.estebanRay(share, alpha: parameters.polarizationAlpha)
  }

  /// Σ_a Σ_{b≠a} π_a^{1+α} π_b.
  public static func estebanRay(_ shares: [Double], alpha: Double) -> Double {
    var total = 0.0
    for a in shares.indices {
      for b in shares.indices where b != a { total += pow(shares[a], 1 + alpha) * shares[b] }
    }
    return total
  }
}
