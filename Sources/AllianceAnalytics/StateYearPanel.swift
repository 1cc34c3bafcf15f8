import AllianceModel

/// One state-year of the panel: the nation's scores in that year's snapshot.
public struct StateYear: Sendable {
  public var year: Int
  /// Index into the network's nations.
  public var nation: Int
  public var assessment: NationAssessment
  /// The top patron as a network nation index (`nil` without one).
  public var topPatron: Int?
  /// Betweenness (normalised as networkx) on the capability-bearing layer.
  public var betweenness: Double
  /// The nation's bloc (Louvain on the alliance layer, numbered from 1 within the year).
  public var bloc: Int
}

/// State-year panels for merging into researchers' tables (peacesciencer's
/// `create_stateyears()` keys: one row per COW system member and year).
public enum StateYearPanel {
  /// Every nation of every year's snapshot in `years`, in year then nation order.
  /// O(years · (n² + Assessment + betweenness + Louvain)).
  public static func rows(
    _ network: AllianceNetwork, years: ClosedRange<Int>, parameters: ModelParameters, threads: Int = 1
  ) throws(SnapshotError) -> [StateYear] {
    try Timeline.check(network, years)
    let list = Array(years)
    var result: [StateYear] = []
    ParallelLoop.run(count: list.count, threads: threads) { range in
      var rows: [StateYear] = []
      for index in range {
        let year = list[index]
        let snapshot = try! YearSnapshot(network: network, year: year, options: SnapshotOptions(disputeWindow: parameters.disputeWindow))
        let strategic = StrategicNetwork(snapshot: snapshot, network: network)
        let assessment = Assessment(strategic, parameters: parameters)
        let betweenness = Scenario.centrality(strategic)
        let blocs = BlocStructure(strategic, parameters: parameters, seed: parameters.seed)
        for node in 0..<strategic.nodeCount {
          let a = assessment.nations[node]
          rows.append(
            StateYear(
              year: year, nation: snapshot.nations[node], assessment: a, topPatron: a.topPatron.map { snapshot.nations[$0] },
              betweenness: betweenness[node], bloc: blocs.bloc[node] + 1))
        }
      }
      return rows
    } merge: { result.append(contentsOf: $0) }
    return result
  }
}
