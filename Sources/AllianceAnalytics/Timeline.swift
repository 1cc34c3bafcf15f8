import AllianceModel

/// System-wide measures of one year.
public struct SystemYear: Sendable, Hashable {
  public var year: Int
  public var nations: Int
  public var defensePairs: Int
  public var threatened: Int
  public var uncovered: Int
  public var totalGap: Double
  public var meanFM: Double
  /// Mean alliance-portfolio similarity over distinct pairs.
  public var meanSimilarity: Double
  public var blocs: Int
  public var modularity: Double
  public var polarization: Double
}

/// One nation's assessment in one year.
public struct NationYear: Sendable, Hashable {
  public var year: Int
  /// Index into ``AllianceNetwork/nations``.
  public var nation: Int
  public var assessment: NationAssessment
}

/// Any of the analytics per year over a range (one snapshot per year).
public enum Timeline {
  /// System measures for every year: force multiplier, coverage, similarity for all pairs
  /// and blocs. Years run in parallel; results are in year order whatever the thread count.
  /// - Throws: ``SnapshotError`` for a year outside the data.
  public static func system(
    _ network: AllianceNetwork, years: ClosedRange<Int>, parameters: ModelParameters, threads: Int = 1
  ) throws(SnapshotError) -> [SystemYear] {
    try check(network, years)
    var result: [SystemYear] = []
    let list = Array(years)
    ParallelLoop.run(count: list.count, threads: threads) { range in
      range.map { index -> SystemYear in
        let year = list[index]
        let snapshot = try! YearSnapshot(network: network, year: year, options: SnapshotOptions(disputeWindow: parameters.disputeWindow))
        let strategic = StrategicNetwork(snapshot: snapshot, network: network)
        let assessment = Assessment(strategic, parameters: parameters)
        let rollup = CoverageRollup(name: "system", members: Array(0..<strategic.nodeCount), assessment: assessment)
        let similarity = PortfolioSimilarity.matrix(strategic)
        let n = strategic.nodeCount
        var sum = 0.0
        for i in 0..<n { for j in (i + 1)..<max(i + 1, n) { sum += similarity[i * n + j] } }
        let pairs = n * (n - 1) / 2
        let blocs = BlocStructure(strategic, parameters: parameters, seed: parameters.seed)
        return SystemYear(
          year: year, nations: n, defensePairs: snapshot.layer(.defense).edgeCount, threatened: rollup.threatened,
          uncovered: rollup.uncovered, totalGap: rollup.gap, meanFM: rollup.meanFM,
          meanSimilarity: pairs > 0 ? sum / Double(pairs) : .nan, blocs: blocs.count, modularity: blocs.modularity,
          polarization: blocs.polarization)
      }
    } merge: { result.append(contentsOf: $0) }
    return result
  }

  /// The assessments of `nations` (network indices) in every year they are present.
  public static func nations(
    _ network: AllianceNetwork, years: ClosedRange<Int>, nations: [Int], parameters: ModelParameters, threads: Int = 1
  ) throws(SnapshotError) -> [NationYear] {
    try check(network, years)
    var result: [NationYear] = []
    let list = Array(years)
    ParallelLoop.run(count: list.count, threads: threads) { range in
      var rows: [NationYear] = []
      for index in range {
        let year = list[index]
        let snapshot = try! YearSnapshot(network: network, year: year, options: SnapshotOptions(disputeWindow: parameters.disputeWindow))
        let strategic = StrategicNetwork(snapshot: snapshot, network: network)
        let assessment = Assessment(strategic, parameters: parameters)
        for nation in nations {
          if let node = snapshot.node(ofNation: nation) {
            rows.append(NationYear(year: year, nation: nation, assessment: assessment.nations[Int(node)]))
          }
        }
      }
      return rows
    } merge: { result.append(contentsOf: $0) }
    return result
  }

  /// Throws when either end of `years` is outside the data. O(1).
  public static func check(_ network: AllianceNetwork, _ years: ClosedRange<Int>) throws(SnapshotError) {
    for year in [years.lowerBound, years.upperBound] where !network.years.contains(year) {
      throw .yearOutOfRange(year, network.years, network.metadata.location)
    }
  }
}
