import AllianceAnalytics
import AllianceModel
import ArgumentParser

struct StrategiesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "strategies",
    abstract: "Are bilateral and trilateral partnerships as effective as joining a major alliance? Compare for a nation or a group.",
    discussion: """
      For the focus: the best 1, 2 and 3 bilateral defense partners (greedy), the best trilateral pair (from the \
      top --trilateral-pool candidates) and joining each multilateral alliance in force, side by side. The verdict \
      is yes when the better of (3 bilateral, trilateral) reaches at least the gap reduction and the FM gain of the \
      alliance with the largest gap reduction (FM gain alone without threats). With --group (e.g. oic), one row \
      per member and the share for which the claim holds. --sensitivity repeats the verdicts over a grid of \
      r (0.5, 0.75, 0.9), half distance (1500, 3000, 6000 km) and H (1, 2, 3).
      """)

  @OptionGroup var options: AnalysisOptions
  @Option(name: .long, help: "The focal nation (code, abbreviation or name).") var focus: String?
  @Option(name: .long, help: "A group: oic, a region, a dataset group, or a file of codes.") var group: String?
  @Flag(name: .long, help: "Repeat the verdicts over a grid of r, half distance and H.") var sensitivity = false

  func validate() throws {
    if (focus == nil) == (group == nil) { throw ValidationError("give exactly one of --focus NATION or --group NAME") }
  }

  func run() throws {
    let network = try options.loadNetwork()
    let year = try options.analysisYear(network)
    let parameters = options.parameters
    var report = AnalysisReport(dataset: network.metadata.name, year: year.snapshot.year, parameters: parameters)
    let similarity = PortfolioSimilarity.matrix(year.strategic, threads: options.threads)
    if let focus {
      let i = try year.node(focus, option: "--focus", needsData: true)
      let comparison = PartnerStrategies.compare(PartnerSearch(year.strategic, focus: i, parameters: parameters), network: year.strategic, similarity: similarity)
      var table = ResultTable(key: "options", title: "Strategies for \(year.names[i]) (\(year.ids[i]))", columns: ["strategy", "kind", "partners", "gap_reduction", "fm_gain", "gap_after", "cr_after", "fm_after"])
      for option in comparison.bilateral + (comparison.trilateral.map { [$0] } ?? []) + comparison.alliances {
        let partners = option.kind == .alliance ? "\(option.partners.count) members" : option.partners.map { year.ids[$0] }.joined(separator: ";")
        table.add([.text(option.label), .text(option.kind.rawValue), .text(partners), .number(option.gapReduction), .number(option.fmGain), .number(option.after.gap), .number(option.after.cr), .number(option.after.fm)])
      }
      report.tables.append(table)
      report.scalars = [("focus", .text(year.ids[i])), ("threatened", .flag(comparison.threatened)), ("gap", .number(comparison.base.gap)), ("cr", .number(comparison.base.cr)), ("fm", .number(comparison.base.fm)), ("best_partnership", .text(comparison.bestPartnership.map { describe($0, year) } ?? "")), ("best_alliance", .text(comparison.bestAlliance?.label ?? "")), ("verdict", comparison.verdict.map { .flag($0) } ?? .text("undecided")), ("reason", .text(comparison.reason))]
      if sensitivity { report.tables.append(try sensitivityTable([i], year: year, base: parameters, baseVerdicts: [i: comparison.verdict])) }
    } else if let group {
      let members = try year.group(group)
      guard !members.isEmpty else { throw DataError("group \(group) has no member in the \(year.snapshot.year) snapshot") }
      var table = ResultTable(key: "members", title: "Bilateral/trilateral vs multilateral — group \(group)", columns: ["nation", "name", "threatened", "gap", "fm", "best_partnership", "partnership_gap_reduction", "partnership_fm_gain", "best_alliance", "alliance_gap_reduction", "alliance_fm_gain", "verdict"])
      var yes = 0, decided = 0, skipped: [String] = []
      var verdicts: [Int: Bool?] = [:]
      let progress = ProgressReporter("strategies")
      for (index, i) in members.enumerated() {
        _ = progress.update(index, of: members.count)
        guard year.snapshot.capabilityKnown[i], year.snapshot.latitude[i].isFinite else {
          skipped.append(year.ids[i])
          continue
        }
        let c = PartnerStrategies.compare(PartnerSearch(year.strategic, focus: i, parameters: parameters), network: year.strategic, similarity: similarity)
        verdicts[i] = c.verdict
        if let v = c.verdict {
          decided += 1
          if v { yes += 1 }
        }
        table.add([.text(year.ids[i]), .text(year.names[i]), .flag(c.threatened), .number(c.base.gap), .number(c.base.fm), .text(c.bestPartnership.map { describe($0, year) } ?? ""), .number(c.bestPartnership?.gapReduction ?? .nan), .number(c.bestPartnership?.fmGain ?? .nan), .text(c.bestAlliance?.label ?? ""), .number(c.bestAlliance?.gapReduction ?? .nan), .number(c.bestAlliance?.fmGain ?? .nan), c.verdict.map { .flag($0) } ?? .text("undecided")])
      }
      progress.finish()
      report.tables.append(table)
      report.scalars = [("members", .int(members.count)), ("decided", .int(decided)), ("holds", .int(yes)), ("share_holds", .number(decided > 0 ? Double(yes) / Double(decided) : .nan))]
      if !skipped.isEmpty { report.notes.append("no capability or capital data, left out: \(skipped.joined(separator: ", "))") }
      if sensitivity { report.tables.append(try sensitivityTable(members.filter { verdicts[$0] != nil }, year: year, base: parameters, baseVerdicts: verdicts)) }
    }
    emit(report.render(options.output.format))
  }

  func describe(_ option: StrategyOption, _ year: AnalysisYear) -> String {
    "\(option.label): \(option.partners.map { year.ids[$0] }.joined(separator: ";"))"
  }

  /// Verdicts over the grid; per nation, the share of grid points that agree with the default.
  func sensitivityTable(_ nodes: [Int], year: AnalysisYear, base: ModelParameters, baseVerdicts: [Int: Bool?]) throws -> ResultTable {
    var grid: [ModelParameters] = []
    for r in [0.5, 0.75, 0.9] {
      for half in [1500.0, 3000.0, 6000.0] {
        for hops in [1, 2, 3] {
          var p = base
          p.reliabilityDefense = r
          p.reliabilityOffense = r
          p.halfDistance = half
          p.hops = hops
          grid.append(p)
        }
      }
    }
    let similarity = PortfolioSimilarity.matrix(year.strategic, threads: options.threads)
    var table = ResultTable(key: "sensitivity", title: "Sensitivity over \(grid.count) parameter sets (r × half distance × H)", columns: ["nation", "name", "verdict", "yes", "no", "undecided", "agreement"])
    let progress = ProgressReporter("sensitivity")
    var yesCounts = [Int](repeating: 0, count: nodes.count), noCounts = yesCounts
    for (g, p) in grid.enumerated() {
      // update returns false once an interrupt was requested.
      if !progress.update(g, of: grid.count) { throw InterruptedError(what: "sensitivity") }
      for (k, i) in nodes.enumerated() {
        let verdict = PartnerStrategies.compare(PartnerSearch(year.strategic, focus: i, parameters: p), network: year.strategic, similarity: similarity).verdict
        if verdict == true { yesCounts[k] += 1 } else if verdict == false { noCounts[k] += 1 }
      }
    }
    progress.finish()
    for (k, i) in nodes.enumerated() {
      let verdict = baseVerdicts[i] ?? nil
      let agree = verdict == true ? yesCounts[k] : verdict == false ? noCounts[k] : grid.count - yesCounts[k] - noCounts[k]
      table.add([.text(year.ids[i]), .text(year.names[i]), verdict.map { .flag($0) } ?? .text("undecided"), .int(yesCounts[k]), .int(noCounts[k]), .int(grid.count - yesCounts[k] - noCounts[k]), .number(Double(agree) / Double(grid.count))])
    }
    return table
  }
}
