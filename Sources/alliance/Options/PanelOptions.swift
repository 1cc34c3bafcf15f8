import AllianceAnalytics
import AllianceModel
import ArgumentParser

/// A `--metric` list: comma-separated column names (trimmed, lowercased), each one of
/// `allowed`. Commands word the error their way.
enum MetricColumns {
  enum Problem: Error {
    case unknown(String)
    case empty
  }

  static func parse(_ text: String, allowed: [String]) throws(Problem) -> [String] {
    let columns = text.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces).lowercased() }
    if let bad = columns.first(where: { !allowed.contains($0) }) { throw .unknown(bad) }
    guard !columns.isEmpty else { throw .empty }
    return columns
  }
}

/// `--from`, `--to` and `--out` of the panel exports.
struct PanelOptions: ParsableArguments {
  @Option(name: .long, help: "First year (default: the data's first).") var from: Int?
  @Option(name: .long, help: "Last year (default: the data's last).") var to: Int?
  @Option(name: .long, help: "Write to this CSV file instead of standard output.") var out: String?

  /// The years asked for, checked against the data. O(1).
  func years(of network: AllianceNetwork) throws -> ClosedRange<Int> {
    let first = from ?? network.years.lowerBound, last = to ?? network.years.upperBound
    guard first <= last else { throw DataError("--from \(first) is after --to \(last)") }
    do {
      try Timeline.check(network, first...last)
    } catch {
      throw DataError(error.description)
    }
    return first...last
  }
}
