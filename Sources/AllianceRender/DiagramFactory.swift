import AllianceAnalytics
import AllianceModel
import GraphAlgorithms
import GraphCore

/// What node size follows.
public enum SizeMetric: String, CaseIterable, Sendable {
  case capability, e, fm, syn, theta, d, gap, degree, betweenness, eigenvector, pagerank
}

/// What node colour follows.
public enum ColorScheme: String, CaseIterable, Sendable {
  /// Louvain blocs of the alliance layer.
  case bloc
  /// The largest multilateral alliance each nation belongs to.
  case alliance
  case region
  /// Louvain communities of every tie, channels included.
  case community
  case none
}

extension ColorScheme {
  /// What the colour means, for the legend.
  public var meaning: String {
    switch self {
    case .bloc: return "bloc (Louvain communities of the alliance layer)"
    case .alliance: return "alliance (the largest multilateral alliance a nation belongs to)"
    case .region: return "region"
    case .community: return "community (Louvain communities of every tie, channels included)"
    case .none: return "none"
    }
  }
}

/// Turns a year's analytics into a ``DiagramInput``.
public enum DiagramFactory {
  /// Sizes, colours and highlights for `network` from `assessment`.
  public static func input(
    _ network: StrategicNetwork, snapshot: YearSnapshot, assessment: Assessment, parameters: ModelParameters,
    sizeBy: SizeMetric, colorBy: ColorScheme, title: String
  ) -> DiagramInput {
    let n = network.nodeCount
    let sizes = sizeValues(network, assessment: assessment, metric: sizeBy)
    var groups = [Int](repeating: -1, count: n)
    var names: [String] = []
    switch colorBy {
    case .bloc:
      let blocs = BlocStructure(network, parameters: parameters, seed: parameters.seed)
      groups = blocs.bloc
      names = (0..<blocs.count).map { b in
        let members = (0..<n).filter { blocs.bloc[$0] == b }.sorted { network.capability[$0] > network.capability[$1] }
        let listed = members.prefix(3).map { network.names[$0] }.joined(separator: ", ")
        return "bloc \(b + 1): \(listed)" + (members.count > 3 ? " +\(members.count - 3)" : "")
      }
    case .community:
      let graph = network.layerGraph(TieTypeSet(TieType.allCases))
      let communities = try? Louvain.communities(graph, weighted: false, seed: parameters.seed)
      groups = communities.map { $0.community.map { Int($0) } } ?? groups
      names = (0..<(communities?.count ?? 0)).map { "community \($0 + 1)" }
    case .alliance:
      let ranked = network.alliances.enumerated().filter { $0.element.members.count >= 3 }
        .sorted { $0.element.members.count != $1.element.members.count ? $0.element.members.count > $1.element.members.count : $0.offset < $1.offset }
      for (number, (_, alliance)) in ranked.enumerated() {
        names.append(alliance.name)
        for v in alliance.members where groups[v] < 0 { groups[v] = number }
      }
    case .region:
      let regions = Region.allCases
      names = regions.map(\.rawValue)
      for v in 0..<n { groups[v] = network.regions[v].flatMap { regions.firstIndex(of: $0) } ?? -1 }
    case .none: break
    }
    let spof = SinglePointsOfFailure(network)
    var singles = [Bool](repeating: false, count: n)
    for v in spof.articulationPoints { singles[v] = true }
    return DiagramInput(
      network: network, title: title, sizeValues: sizes, sizeName: sizeBy.rawValue, colorGroups: groups, colorNames: names,
      colorName: colorBy.meaning, uncovered: assessment.nations.map(\.uncovered), singlePoints: singles,
      latitude: snapshot.latitude, longitude: snapshot.longitude)
  }

  /// The per-node values of `metric` (centralities on the capability-bearing layer).
  public static func sizeValues(_ network: StrategicNetwork, assessment: Assessment, metric: SizeMetric) -> [Double] {
    let a = assessment.nations
    switch metric {
    case .capability: return a.map(\.capability)
    case .e: return a.map(\.e)
    case .fm: return a.map(\.fm)
    case .syn: return a.map(\.syn)
    case .theta: return a.map(\.theta)
    case .d: return a.map(\.d)
    case .gap: return a.map(\.gap)
    case .degree, .betweenness, .eigenvector, .pagerank:
      let graph = capabilityGraph(network)
      switch metric {
      case .degree: return Degree.degrees(graph).map(Double.init)
      case .betweenness: return Scenario.centrality(network)
      case .eigenvector: return (try? SpectralCentrality.eigenvector(graph)) ?? Degree.degrees(graph).map(Double.init)
      default: return (try? PageRank.compute(graph).scores) ?? Degree.degrees(graph).map(Double.init)
      }
    }
  }

  static func capabilityGraph(_ network: StrategicNetwork) -> CSRGraph {
    network.layerGraph(ReliabilityGraph.capabilityLayer)
  }
}
