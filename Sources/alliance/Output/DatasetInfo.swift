import AllianceModel
import GraphAlgorithms
import GraphCore

/// What `info` reports about a dataset and one year's snapshot.
enum DatasetInfo {
  static func document(_ opened: OpenedDataset, seconds: Double) -> JSONValue {
    let network = opened.network, snapshot = opened.snapshot
    let summary = SnapshotSummary(snapshot, network: network)
    let obligations = snapshot.layerGraph(.obligations)
    let components = ConnectedComponents.weak(obligations, threads: 1)
    let isolated = (0..<obligations.nodeCount).filter { obligations.degree(of: UInt32($0)) == 0 }.count
    var ties: [(String, JSONValue)] = summary.ties.map { ($0.type.name, .int($0.count)) }
    ties.append(("pairs_with_any_obligation", .int(summary.obligationPairs)))
    ties.append(("pairs_with_any_tie", .int(summary.tiedPairs)))
    let groups: [(String, JSONValue)] = network.groups.map { group in
      let present = group.members.filter { snapshot.node(ofNation: $0) != nil }.count
      return (group.name, .int(present))
    }
    return .object([
      ("dataset", .string(network.metadata.name)),
      ("title", .string(network.metadata.title)),
      ("location", .string(network.metadata.location)),
      ("layout", .string(network.metadata.layout.rawValue)),
      ("years", .string("\(network.years.lowerBound)–\(network.years.upperBound)")),
      ("year", .int(snapshot.year)),
      ("nations", .int(summary.nations)),
      ("ties", .object(ties)),
      ("alliances", .object([
        ("in_force", .int(summary.alliances)), ("bilateral", .int(summary.bilateral)),
        ("trilateral", .int(summary.trilateral)), ("multilateral", .int(summary.multilateral)),
      ])),
      ("threat_pairs", .int(summary.threatPairs)),
      ("major_powers", .int(summary.majorPowers)),
      ("components", .int(components.count - isolated)),
      ("isolated_nations", .int(isolated)),
      ("largest_component", .int(components.sizes.max() ?? 0)),
      ("capability", .object([
        ("measure", .string(network.metadata.capabilityMeasure)),
        ("unit", .string(network.metadata.capabilityUnit)),
        ("data_year", network.metadata.capabilityYear.map { .int($0) } ?? .null),
        ("nations_with_data", .int(summary.withCapability)),
        ("coverage", .number(summary.nations == 0 ? 0 : Double(summary.withCapability) / Double(summary.nations))),
        ("total", .number(summary.capabilityTotal)),
      ])),
      ("nations_with_capital", .int(summary.withCapital)),
      ("groups", .object(groups)),
      ("sources", .int(network.sources.count)),
      ("source_coverage", .object(network.coverage.map { ($0.name, .string("\($0.firstYear)–\($0.lastYear)")) })),
      ("warnings", .int(network.warnings.count + snapshot.warnings.count)),
      ("load_seconds", .number(seconds)),
    ])
  }

  /// Flattens nested objects into `parent.child` keys for tables and CSV.
  static func flatten(_ value: JSONValue, prefix: String = "") -> [(String, String)] {
    switch value {
    case .object(let entries):
      return entries.flatMap { key, child in flatten(child, prefix: prefix.isEmpty ? key : "\(prefix).\(key)") }
    case .null: return [(prefix, "")]
    case .bool(let v): return [(prefix, v ? "true" : "false")]
    case .int(let v): return [(prefix, String(v))]
    case .number(let v): return [(prefix, ReportValue.number(v).plain)]
    case .string(let v): return [(prefix, v)]
    case .array(let items): return [(prefix, items.map { $0.rendered(pretty: false) }.joined(separator: ";"))]
    }
  }

  static func render(_ document: JSONValue, _ format: OutputFormat) -> String {
    switch format {
    case .json: return document.rendered() + "\n"
    case .table, .csv:
      var report = KeyValueReport()
      for (key, value) in flatten(document) { report.add(key, value) }
      return report.render(format)
    }
  }
}
