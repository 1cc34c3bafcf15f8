import AllianceModel

/// One row per year: the size of every snapshot in a range (`info --all-years`).
enum YearCounts {
  static func table(_ network: AllianceNetwork, years: ClosedRange<Int>, options: SnapshotOptions) throws -> (header: [String], rows: [[String]]) {
    let header = ["year", "nations"] + TieType.obligations.map(\.name) + ["any_obligation", "channels", "alliances", "threat_pairs", "with_capability", "with_capital"]
    var rows: [[String]] = []
    for year in years {
      let snapshot = try YearSnapshot(network: network, year: year, options: options)
      let summary = SnapshotSummary(snapshot, network: network)
      let channels = summary.ties.filter { $0.type.isChannel }.map(\.count).reduce(0, +)
      rows.append(
        [String(year), String(summary.nations)] + summary.ties.filter { $0.type.isObligation }.map { String($0.count) }
          + [String(summary.obligationPairs), String(channels), String(summary.alliances), String(summary.threatPairs),
             String(summary.withCapability), String(summary.withCapital)])
    }
    return (header, rows)
  }
}
