import AllianceModel

/// One undirected dyad-year of the panel.
public struct DyadYear: Sendable {
  public var year: Int
  /// Network nation indices, `first` the one with the lower COW code.
  public var first: Int
  public var second: Int
  /// Signorino–Ritter S and Häge's π and κ (``SimilarityIndices``).
  public var s: Double
  public var pi: Double
  public var kappa: Double
  /// Reach a(first → second) and a(second → first) on the capability-bearing layer
  /// (paths avoid the source's threats, so the two can differ).
  public var reachForward: Double
  public var reachBackward: Double
  /// p_form of the pair, when a formation model exists for the year and the pair holds no
  /// defense or offense pledge.
  public var pForm: Double?
}

/// Dyad-year panels for merging into researchers' tables (peacesciencer's
/// `create_dyadyears(directed = FALSE)` keys: one row per pair of the year's nations,
/// `ccode1 < ccode2`).
public enum DyadYearPanel {
  /// Every pair of every year's snapshot in `years`, in year then (ccode1, ccode2) order.
  /// Within a row the nation with the lower COW code comes first; nations without one come
  /// after those with one, by abbreviation. `models` gives p_form per year
  /// (``FormationFitter/models(for:network:options:disputeWindow:threads:)``); `fallback`
  /// applies to years without one (e.g. the model a dataset ships).
  /// O(years · (n³ + n · hops · m)).
  public static func rows(
    _ network: AllianceNetwork, years: ClosedRange<Int>, parameters: ModelParameters, models: [Int: FormationModel] = [:],
    fallback: FormationModel? = nil, threads: Int = 1
  ) throws(SnapshotError) -> [DyadYear] {
    try Timeline.check(network, years)
    let list = Array(years)
    var perYear = [[DyadYear]](repeating: [], count: list.count)
    ParallelLoop.run(count: list.count, threads: threads) { range in
      var part: [(Int, [DyadYear])] = []
      for index in range {
        let year = list[index]
        let snapshot = try! YearSnapshot(network: network, year: year, options: SnapshotOptions(disputeWindow: parameters.disputeWindow))
        let strategic = StrategicNetwork(snapshot: snapshot, network: network)
        let n = strategic.nodeCount
        let similarity = PortfolioSimilarity.indices(strategic)
        let graph = ReliabilityGraph(strategic, layer: ReliabilityGraph.capabilityLayer, parameters: parameters)
        let reach = Reach.matrix(graph, hops: parameters.hops)
        let model = models[year] ?? fallback
        let context = model.map { _ in FormationContext(strategic) }
        // Nodes in row order: generating pairs (a < b) over it gives rows in (ccode1, ccode2) order.
        let order = (0..<n).sorted { key(network, snapshot.nations[$0]) < key(network, snapshot.nations[$1]) }
        var rows: [DyadYear] = []
        rows.reserveCapacity(n * (n - 1) / 2)
        for a in 0..<n {
          let u = order[a]
          for b in (a + 1)..<max(a + 1, n) {
            let v = order[b]
            var p: Double?
            if let model, let context, !strategic.defends(u, v) { p = model.probability(u, v, in: context) }
            rows.append(
              DyadYear(
                year: year, first: snapshot.nations[u], second: snapshot.nations[v], s: similarity.s[u * n + v],
                pi: similarity.pi[u * n + v], kappa: similarity.kappa[u * n + v], reachForward: reach[u * n + v],
                reachBackward: reach[v * n + u], pForm: p))
          }
        }
        part.append((index, rows))
      }
      return part
    } merge: { part in
      for (index, rows) in part { perYear[index] = rows }
    }
    return perYear.flatMap { $0 }
  }

  /// A nation's place in the row order: its COW code, then its abbreviation.
  static func key(_ network: AllianceNetwork, _ nation: Int) -> DyadOrderKey {
    DyadOrderKey(code: network.nations[nation].cow ?? .max, abbreviation: network.nations[nation].abbreviation)
  }
}

struct DyadOrderKey: Comparable {
  var code: Int
  var abbreviation: String
  static func < (a: Self, b: Self) -> Bool { (a.code, a.abbreviation) < (b.code, b.abbreviation) }
}
