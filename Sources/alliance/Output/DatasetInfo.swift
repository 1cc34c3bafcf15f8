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
    let inForce = snapshot.alliances.map { network.alliances[$0.alliance] }
    let suspendedMemberships = snapshot.alliances.reduce(0) { count, active in
      let alliance = network.alliances[active.alliance]
      return count + active.members.filter { alliance.memberStatus(snapshot.nations[Int($0)], in: snapshot.year) != .active }.count
    }
    let threatsInForce = network.threats.filter {
      $0.span.contains(snapshot.year) && snapshot.node(ofNation: $0.a) != nil && snapshot.node(ofNation: $0.b) != nil
    }
    let groups: [(String, JSONValue)] = network.groups.map { group in
      let present = group.members.filter { snapshot.node(ofNation: $0) != nil }.count
      return (group.name, .int(present))
    }
    let coverage: JSONValue = .object(network.coverage.map { ($0.name, JSONValue.string("\($0.firstYear)–\($0.lastYear)")) })
    let alternatives: JSONValue = .array(network.metadata.capabilityAlternatives.map { .string($0.measure) })
    let meta: JSONValue = Meta.object(parameters: nil, extra: [("load_seconds", .number(seconds))])
    let years = "\(network.years.lowerBound)–\(network.years.upperBound)"
    var entries: [(String, JSONValue)] = [
      ("dataset", .string(network.metadata.name)),
      ("title", .string(network.metadata.title)),
      ("location", .string(network.metadata.location)),
      ("layout", .string(network.metadata.layout.rawValue)),
      ("years", .string(years)),
      ("year", .int(snapshot.year)),
      ("nations", .int(summary.nations)),
      ("ties", .object(ties)),
      ("alliances", .object([
        ("in_force", .int(summary.alliances)), ("bilateral", .int(summary.bilateral)),
        ("trilateral", .int(summary.trilateral)), ("multilateral", .int(summary.multilateral)),
        ("major", .int(inForce.filter(\.major).count)),
        ("dormant", .int(inForce.filter { $0.status == .dormant }.count)),
        ("suspended", .int(inForce.filter { $0.status == .suspended }.count)),
        ("with_reliability_override", .int(inForce.filter { $0.reliability != nil }.count)),
        ("collective_channels", .int(inForce.filter { $0.obligations.obligations.isEmpty && $0.channelScope == .collective }.count)),
        ("suspended_memberships", .int(suspendedMemberships)),
        ("without_eligibility", .int(inForce.filter { $0.eligibility == nil }.count)),
      ])),
    ]
    entries += [
      ("threat_pairs", .int(summary.threatPairs)),
      ("threats", .object([
        ("rows_in_force", .int(threatsInForce.count)),
        ("intensity_high", .int(threatsInForce.filter { $0.intensity >= 0.6 }.count)),
        ("intensity_medium", .int(threatsInForce.filter { $0.intensity >= 0.3 && $0.intensity < 0.6 }.count)),
        ("intensity_low", .int(threatsInForce.filter { $0.intensity < 0.3 }.count)),
        ("unverified", .int(threatsInForce.filter { $0.lastVerified == nil }.count)),
        ("verified_before_cutoff", .int(threatsInForce.filter { ($0.lastVerified?.year ?? .max) < InputFlags.cutoff(for: snapshot.year) }.count)),
      ])),
      ("nuclear_nations", .int(snapshot.nuclear.filter { $0 }.count)),
      ("low_confidence_rows", .object([
        ("alliances", .int(inForce.filter { $0.provenance.confidence == .low }.count)),
        ("ties", .int(network.ties.filter { $0.span.contains(snapshot.year) && $0.provenance.confidence == .low }.count)),
        ("threats", .int(threatsInForce.filter { $0.provenance.confidence == .low }.count)),
      ])),
      ("major_powers", .int(summary.majorPowers)),
      ("components", .int(components.count - isolated)),
      ("isolated_nations", .int(isolated)),
      ("largest_component", .int(components.sizes.max() ?? 0)),
      ("capability", .object([
        ("measure", .string(network.metadata.capabilityMeasure)),
        ("unit", .string(network.metadata.capabilityUnit)),
        ("data_year", network.metadata.capabilityYear.map { .int($0) } ?? .null),
        ("source", network.metadata.capabilitySource.map { .string($0) } ?? .null),
        ("nations_with_data", .int(summary.withCapability)),
        ("cutoff_year", .int(InputFlags.cutoff(for: snapshot.year))),
        ("nations_with_data_before_cutoff", .int(snapshot.capabilityYear.compactMap { $0 }.filter { $0 < InputFlags.cutoff(for: snapshot.year) }.count)),
        ("alternatives", alternatives),
        ("coverage", .number(summary.nations == 0 ? 0 : Double(summary.withCapability) / Double(summary.nations))),
        ("total", .number(summary.capabilityTotal)),
      ])),
      ("nations_with_capital", .int(summary.withCapital)),
      ("groups", .object(groups)),
      ("sources", .int(network.sources.count)),
      ("source_coverage", coverage),
      ("warnings", .int(network.warnings.count + snapshot.warnings.count)),
      ("meta", meta),
    ]
    return .object(entries)
  }

  /// Flattens nested objects into `parent.child` keys for tables and CSV.
  static func flatten(_ value: JSONValue, prefix: String = "") -> [(String, String)] {
    switch value {
    case .object(let entries):
      return entries.flatMap { key, child in flatten(child, prefix: prefix.isEmpty ? key : "\(prefix).\(key)") }
    case .null: return [(prefix, "")]
    case .bool(let v): return [(prefix, v ? "true" : "false")]
    case .int(let v): return [(prefix, String(v))]
    case .uint(let v): return [(prefix, String(v))]
    case .number(let v): return [(prefix, ReportValue.number(v).plain)]
    case .string(let v): return [(prefix, v)]
    case .array(let items):
      return [(prefix, items.map { if case .string(let text) = $0 { text } else { $0.rendered(pretty: false) } }.joined(separator: ";"))]
    }
  }

  static func render(_ document: JSONValue, _ format: OutputFormat) -> String {
    switch format {
    case .json: return document.rendered() + "\n"
    case .table, .csv:
      // `meta` is about the run, not the data: standard error.
      var report = KeyValueReport()
      guard case .object(let entries) = document else { return "" }
      for (key, value) in flatten(.object(entries.filter { $0.0 != "meta" })) { report.add(key, value) }
      if let meta = entries.first(where: { $0.0 == "meta" })?.1, case .object(let items) = meta,
        let load = items.first(where: { $0.0 == "load_seconds" })?.1, case .number(let seconds) = load
      {
        Diagnostics.info("load: \(String(format: "%.3f", seconds)) s\n")
      }
      return report.render(format)
    }
  }
}
