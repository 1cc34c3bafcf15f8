import AllianceAnalytics
import AllianceModel
import ArgumentParser

struct WhatIfCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "whatif",
    abstract: "What-if scenarios: change ties, alliances or capabilities and see every nation's change in FM, CR, gap and centrality.",
    discussion: """
      Changes apply in the order given: --defect N (leaves all ties), --drop-tie A,B (treaty obligations lapse), \
      --drop-alliance ID, --add-tie A,B,TYPE, --add-channel A,B,KIND, --drop-channel A,B,KIND, --join N,ALLIANCE, \
      --set-capability N=V, or a --scenario file with one change per line (`defect PAK`). --criticality ranks \
      every nation by the total gap increase Σ ΔG when it defects. A nation is listed when its E, SYN, D, gap, \
      capability or betweenness moves (--all: every nation).

      Model parameters (r, m, δ, κ, hops, draws, seed; --params FILE to repeat a run): --help-hidden.

      Examples:
        alliance whatif --defect USA
        alliance whatif --add-tie PAK,TUR,defense --add-channel PAK,IDN,exercise
        alliance whatif ../shared/data --year 2012 --criticality
      """)

  @Option(name: .long, help: "A nation leaves all its ties and alliances.") var defect: [String] = []
  @Option(name: .long, help: "A tie lapses: A,B.") var dropTie: [String] = []
  @Option(name: .long, help: "An alliance lapses: its id or name.") var dropAlliance: [String] = []
  @Option(name: .long, help: "A new tie: A,B,TYPE.") var addTie: [String] = []
  @Option(name: .long, help: "A new cooperation channel: A,B,KIND.") var addChannel: [String] = []
  @Option(name: .long, help: "A cooperation channel ends: A,B,KIND.") var dropChannel: [String] = []
  @Option(name: .long, help: "A nation joins an alliance in force: N,ALLIANCE.") var join: [String] = []
  @Option(name: .long, help: "A capability changes: N=VALUE.") var setCapability: [String] = []
  @Option(name: .long, help: "A file of changes, one per line (e.g. `defect PAK`).") var scenario: String?
  @Flag(name: .long, help: "Rank every nation by the total gap increase when it defects.") var criticality = false
  @Flag(name: .long, help: "List every nation, not only those that change.") var all = false
  @Option(name: .long, help: "Only the N nations whose gap changes most (|Δ gap|, then |Δ FM|), and the top N of --criticality.") var top: Int?

  func validate() throws {
    if let top, top < 1 { throw ValidationError("--top must be at least 1, got \(top)") }
  }
  @OptionGroup var options: AnalysisOptions

  func run() throws {
    let network = try options.loadNetwork()
    let year = try options.analysisYear(network)
    let parameters = options.parameters
    let parser = ScenarioParser(year: year)
    var changes: [ScenarioChange] = []
    if let scenario { changes += try parser.file(scenario) }
    for (name, values) in [("defect", defect), ("drop-tie", dropTie), ("drop-alliance", dropAlliance), ("add-tie", addTie), ("add-channel", addChannel), ("drop-channel", dropChannel), ("join", join), ("set-capability", setCapability)] {
      for value in values {
        do { changes.append(try parser.change(name, value)) } catch { throw DataError(error.description) }
      }
    }
    guard !changes.isEmpty || criticality else {
      throw DataError("nothing to do: give at least one change (e.g. --defect PAK) or --criticality")
    }
    var report = AnalysisReport(dataset: network.metadata.name, year: year.snapshot.year, parameters: parameters)
    let before = Assessment(year.strategic, parameters: parameters)
    if !changes.isEmpty {
      var changed = year.strategic
      do { try Scenario.apply(changes, to: &changed) } catch { throw DataError(error.description) }
      let after = Assessment(changed, parameters: parameters)
      let centralityBefore = Scenario.centrality(year.strategic, threads: options.threads)
      let centralityAfter = Scenario.centrality(changed, threads: options.threads)
      var table = ResultTable(key: "nations", title: "Change per nation", columns: ["nation", "name", "fm_before", "fm_after", "d_fm", "syn_before", "syn_after", "d_syn", "cr_before", "cr_after", "gap_before", "gap_after", "d_gap", "uncovered_after", "betweenness_before", "betweenness_after", "d_betweenness"])
      var totalGap = 0.0, newlyUncovered = 0, newlyCovered = 0
      var listed: [(key: (Double, Double), row: [Cell])] = []
      for i in 0..<changed.nodeCount {
        let a = before.nations[i], b = after.nations[i]
        let dGap = b.gap - a.gap
        totalGap += dGap
        if !a.uncovered && b.uncovered { newlyUncovered += 1 }
        if a.uncovered && !b.uncovered { newlyCovered += 1 }
        let dFM = b.fm - a.fm
        let moved = abs(b.e - a.e) > 1e-9 * max(1, a.e) || abs(dGap) > 1e-9 || abs(b.d - a.d) > 1e-9 * max(1, a.d)
          || abs(centralityAfter[i] - centralityBefore[i]) > 1e-12 || a.capability != b.capability
          || abs(b.syn - a.syn) > 1e-9 * max(1, abs(a.syn))
        guard all || moved else { continue }
        let magnitude = (abs(dGap).isNaN ? 0 : abs(dGap), abs(dFM).isNaN ? 0 : abs(dFM))
        listed.append((magnitude, [.text(year.ids[i]), .text(year.names[i]), .number(a.fm), .number(b.fm), .number(dFM), .number(a.syn), .number(b.syn), .number(b.syn - a.syn), .number(a.cr), .number(b.cr), .number(a.gap), .number(b.gap), .number(dGap), .flag(b.uncovered), .number(centralityBefore[i]), .number(centralityAfter[i]), .number(centralityAfter[i] - centralityBefore[i])]))
      }
      if let top { listed = Array(listed.enumerated().sorted { $0.element.key != $1.element.key ? $0.element.key > $1.element.key : $0.offset < $1.offset }.prefix(top).map(\.element)) }
      for entry in listed { table.add(entry.row) }
      report.tables.append(table)
      report.scalars = [("changes", .list(changes.map { describe($0, year) })), ("total_gap_change", .number(totalGap)), ("newly_uncovered", .int(newlyUncovered)), ("newly_covered", .int(newlyCovered))]
    }
    if criticality {
      let ranking = options.timed("criticality") { Criticality.ranking(year.strategic, before, threads: options.threads) }
      var table = ResultTable(key: "criticality", title: "Criticality: total gap increase when each nation defects", columns: ["rank", "nation", "name", "gap_increase", "newly_uncovered", "most_affected", "most_affected_name", "most_affected_increase"])
      for (rank, entry) in ranking.prefix(top ?? .max).enumerated() {
        table.add([.int(rank + 1), .text(year.ids[entry.nation]), .text(year.names[entry.nation]), .number(entry.gapIncrease), .int(entry.newlyUncovered), .optional(entry.mostAffected.map { year.ids[$0] }), .optional(entry.mostAffected.map { year.names[$0] }), .number(entry.mostAffectedIncrease)])
      }
      report.tables.append(table)
    }
    emit(try report.render(options.output))
  }

  func describe(_ change: ScenarioChange, _ year: AnalysisYear) -> String {
    let id = year.ids
    switch change {
    case .defect(let k): return "\(id[k]) defects"
    case .dropTie(let a, let b): return "\(id[a])–\(id[b]) obligations lapse"
    case .dropAlliance(let x): return "alliance \(x) lapses"
    case .addTie(let a, let b, let t): return "new \(t) tie \(id[a])–\(id[b])"
    case .addChannel(let a, let b, let t): return "new \(t) channel \(id[a])–\(id[b])"
    case .dropChannel(let a, let b, let t): return "\(t) channel \(id[a])–\(id[b]) ends"
    case .joinAlliance(let a, let x): return "\(id[a]) joins \(x)"
    case .addAlliance(let name, let members, _): return "new alliance \(name) of \(members.map { id[$0] }.joined(separator: ","))"
    case .setCapability(let k, let v): return "\(id[k]) capability = \(v)"
    }
  }
}
