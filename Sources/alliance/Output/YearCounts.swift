import AllianceModel
import GraphCore

/// One row per year: the size of every snapshot in a range (`info --all-years`).
enum YearCounts {
  /// Builds every year's snapshot (in parallel over years; rows in year order).
  static func table(_ network: AllianceNetwork, years: ClosedRange<Int>, options: SnapshotOptions, threads: Int = Parallel.availableCores) throws -> (header: [String], rows: [[String]]) {
    let header = ["year", "nations"] + TieType.obligations.map(\.name) + ["any_obligation", "channels", "alliances", "threat_pairs", "with_capability", "with_capital"]
    let list = Array(years)
    let parts = max(1, min(threads, list.count))
    let results = PartResults<Result<[[String]], SnapshotError>>(count: parts)
    Parallel.forEach(parts: parts, threads: parts) { part in
      results.set(part, Result { () throws(SnapshotError) -> [[String]] in
        var rows: [[String]] = []
        for index in Parallel.range(part, of: parts, count: list.count) {
          let snapshot = try YearSnapshot(network: network, year: list[index], options: options)
          let summary = SnapshotSummary(snapshot, network: network)
          let channels = summary.ties.filter { $0.type.isChannel }.map(\.count).reduce(0, +)
          rows.append(
            [String(list[index]), String(summary.nations)] + summary.ties.filter { $0.type.isObligation }.map { String($0.count) }
              + [String(summary.obligationPairs), String(channels), String(summary.alliances), String(summary.threatPairs),
                 String(summary.withCapability), String(summary.withCapital)])
        }
        return rows
      })
    }
    var rows: [[String]] = []
    for part in 0..<parts { rows += try results[part]!.get() }
    return (header, rows)
  }
}
