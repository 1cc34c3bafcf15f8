import AllianceAnalytics
import AllianceModel
import ArgumentParser

struct StrategiesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "strategies",
    abstract: "The thesis: can well-chosen partnerships be as effective as membership in a major alliance? For a nation or a group.",
    discussion: """
      Partnership options: up to 3 new bilateral defense ties (greedy by p_form × value), the best trilateral pact \
      (feasibility: p_form of all three pairs), and deepening the focus's existing bilateral ties and 2–3-member \
      pacts with exercise, training, intelligence and technology channels. Alliance options: joining each eligible \
      major alliance without a threat among its members (p_join > 0), and each major membership the focus holds \
      (valued by what it loses without it). The best option of each kind is chosen once at the default parameters \
      by expected value; both are then compared on the same Monte Carlo draws (--draws, default 2,000): each draw \
      samples the priors of DESIGN §5, whether each new tie forms (p_form, p_join) and whether each tie holds (r; \
      --common-shock: a treaty fails as one). The measure is the gap reduction net of entrapment (threatened \
      focus) or the gain of E net of the gap imported threats open. p_yes is the share of draws in which the \
      partnership reaches at least (1 − --margin) of the alliance option: yes when p_yes ≥ 0.8, no when ≤ 0.2, \
      undecided otherwise; empty, with a reason, when there is no alliance option. The vs_nato columns compare the \
      same partnership with "as if a member of NATO" for every nation.

      Model parameters (r, m, δ, κ, hops, draws, seed; --params FILE to repeat a run): --help-hidden.

      Examples:
        alliance strategies --focus Pakistan
        alliance strategies --group oic --format csv > oic.csv
        alliance strategies --group oic --sensitivity --draws 500
        alliance strategies --group oic --top 10
      """)

  @Option(name: .long, help: "The focal nation (code, abbreviation or name).") var focus: String?
  @Option(name: .long, help: "A group: oic, a region, a dataset group, or a file of codes.") var group: String?
  @Option(name: .long, help: "Margin μ: the partnership must reach (1 − μ) of the alliance option's measure.") var margin = 0.1
  @Option(name: .long, help: "Entrapment ε: the share of an imported threat's pressure a new tie brings (its prior is drawn in Monte Carlo).") var entrapment = 0.5
  @Flag(name: .long, help: "Per prior, the verdict counts with it fixed at the low and at the high end of its range.") var sensitivity = false
  @Option(name: .long, help: "With --group: only the N members whose best alliance option is worth most (ties: by code); the counts cover every member.") var top: Int?
  @OptionGroup var options: AnalysisOptions

  func validate() throws {
    if (focus == nil) == (group == nil) { throw ValidationError("give exactly one of --focus NATION or --group NAME") }
    if !(0..<1).contains(margin) { throw ValidationError("--margin must lie in [0, 1), got \(margin)") }
    if !(0...1).contains(entrapment) { throw ValidationError("--entrapment must lie in [0, 1], got \(entrapment)") }
    if let top {
      if top < 1 { throw ValidationError("--top must be at least 1, got \(top)") }
      if group == nil { throw ValidationError("--top selects members of a --group; a --focus result is one nation") }
    }
  }

  var rule: ThesisRule {
    var rule = ThesisRule()
    rule.margin = margin
    rule.draws = options.model.draws ?? 2000
    return rule
  }

  func run() throws {
    let network = try options.loadNetwork()
    let year = try options.analysisYear(network)
    var parameters = options.parameters
    parameters.draws = rule.draws
    let thesis = ThesisParameters(model: parameters, entrapment: entrapment)
    let found = try options.formationModel(network, year: year.snapshot.year)
    var report = AnalysisReport(dataset: network.metadata.name, year: year.snapshot.year, parameters: parameters)
    if found == nil { report.notes.append("no formation model: p_form and p_join are taken as 1 (formation is not drawn)") }
    let format = ThesisFormat(year: year)
    if let focus {
      let i = try year.node(focus, option: "--focus", needsData: true)
      let comparison = options.timed("thesis") {
        Thesis.compare(year.strategic, source: network, focus: i, parameters: thesis, model: found?.model, rule: rule, threads: options.threads)
      }
      report.tables.append(format.optionTable(comparison))
      report.scalars = format.focusScalars(comparison)
      if !comparison.trilateralNote.isEmpty { report.notes.append(comparison.trilateralNote) }
      if !comparison.excluded.isEmpty { report.notes.append("major alliances left out: " + comparison.excluded.joined(separator: "; ")) }
      if sensitivity { report.tables.append(try sensitivityTable([comparison], thesis: thesis)) }
    } else if let group {
      let members = try year.groupNodes(group)
      guard !members.isEmpty else { throw DataError("group \(group) has no member in the \(year.snapshot.year) snapshot") }
      var table = ResultTable(key: "members", title: "The thesis for group \(group): partnerships vs a major alliance", columns: ThesisFormat.groupColumns)
      let result = options.timed("thesis (\(members.count) nations)") {
        Thesis.group(
          year.strategic, source: network, members: members, hasCoordinates: year.snapshot.latitude.map(\.isFinite), parameters: thesis,
          model: found?.model, rule: rule, threads: options.threads)
      }
      var rows: [(value: Double, code: String, cells: [Cell])] = []
      for member in result.members {
        switch member {
        case .compared(let c):
          let value = c.bestAlliance.map { c.outcomes[$0].expectedMeasure } ?? -.infinity
          rows.append((value, year.ids[c.focus], format.groupRow(c)))
        case .leftOut(let node, let reason): rows.append((-.infinity, year.ids[node], format.emptyRow(node, reason: reason)))
        }
      }
      if let top {
        rows = Array(rows.sorted { $0.value != $1.value ? $0.value > $1.value : $0.code < $1.code }.prefix(top))
      }
      for row in rows { table.add(row.cells) }
      report.tables.append(table)
      report.scalars = [("members", .int(members.count))]
      for (prefix, counts) in [("", result.counts), ("vs_nato_", result.versusNATO)] {
        report.scalars += [
          ("\(prefix)yes", .int(counts.yes)), ("\(prefix)no", .int(counts.no)), ("\(prefix)undecided", .int(counts.undecided)),
          ("\(prefix)no_verdict", .int(counts.noVerdict)),
        ]
      }
      let comparisons = result.comparisons
      if sensitivity { report.tables.append(try sensitivityTable(comparisons, thesis: thesis, withoutData: members.count - comparisons.count)) }
    }
    report.notes.append(ThesisFormat.limits)
    emit(try report.render(options.output))
  }

  /// Per prior and end of its range: the verdict counts over `comparisons`.
  /// Members without the data for a comparison (`withoutData`) count as no verdict.
  func sensitivityTable(_ comparisons: [ThesisComparison], thesis: ThesisParameters, withoutData: Int = 0) throws -> ResultTable {
    var table = ResultTable(
      key: "sensitivity", title: "Sensitivity: verdict counts with one prior fixed at an end of its range (\(rule.draws) draws)",
      columns: ["parameter", "end", "value", "yes", "no", "undecided", "no_verdict", "vs_nato_yes", "vs_nato_no", "vs_nato_undecided"])
    let progress = ProgressReporter("sensitivity")
    let grid = Thesis.sensitivity(comparisons, parameters: thesis, rule: rule, withoutData: withoutData, threads: options.threads) {
      progress.update($0, of: $1)
    }
    guard let grid else { throw InterruptedError(what: "sensitivity") }
    for row in grid {
      let c = row.counts, n = row.versusNATO
      table.add([
        .text(row.prior), .text(row.end), .number(row.value), .int(c.yes), .int(c.no), .int(c.undecided), .int(c.noVerdict), .int(n.yes),
        .int(n.no), .int(n.undecided),
      ])
    }
    progress.finish()
    return table
  }
}

/// How the thesis results print (the command only formats).
struct ThesisFormat {
  let year: AnalysisYear

  static let groupColumns = [
    "nation", "name", "threatened", "best_partnership", "partners", "partnership_value", "best_alliance", "alliance_value", "verdict", "p_yes",
    "reason", "vs_nato_verdict", "vs_nato_p_yes",
  ]

  /// What the model does not know, said with every thesis result.
  static let limits = """
    what the model does not know: partners' intentions beyond what ATOP history says about who allies (p_form, p_join); \
    nuclear deterrence beyond a flag; non-state threats; the deepening δ_c of exercises, training, intelligence and \
    technology is a prior (no channel data before the curated present), so deepening options rest on it
    """

  func codes(_ nodes: [Int]) -> [String] { nodes.map { year.strategic.ids[$0] } }

  func optionTable(_ c: ThesisComparison) -> ResultTable {
    let i = c.focus
    var table = ResultTable(
      key: "options", title: "Options for \(year.names[i]) (\(year.ids[i])): partnerships and alliances",
      columns: [
        "option", "kind", "best", "partners", "members", "feasibility", "threats_brought", "value", "expected_value", "expected_measure", "conditional_measure",
        "p10", "p90", "note",
      ])
    for (o, option) in c.options.enumerated() {
      // Partnerships list their partners; alliance options count their members.
      let partners: Cell = option.kind.isPartnership ? .list(codes(option.partners)) : .missing
      let best = o == c.bestPartnership || o == c.bestAlliance
      let outcome = c.outcomes[o]
      table.add([
        .text(option.label), .text(option.kind.rawValue), .flag(best), partners, .int(option.partners.count), .number(option.feasibility), .list(codes(option.threatsBrought)),
        .number(option.value), .number(option.expectedValue), .number(outcome.expectedMeasure), .number(outcome.conditionalMeasure), .number(outcome.p10),
        .number(outcome.p90), .text(option.note),
      ])
    }
    return table
  }

  func focusScalars(_ c: ThesisComparison) -> [(String, Cell)] {
    let p = c.bestPartnership.map { c.options[$0] }, a = c.bestAlliance.map { c.options[$0] }
    return [
      ("focus", .text(year.ids[c.focus])), ("threatened", .flag(c.threatened)), ("best_partnership", .optional(p?.label)),
      ("partners", p.map { .list(codes($0.partners)) } ?? .missing), ("best_alliance", .optional(a?.label)),
      ("verdict", .optional(c.contest?.verdict.rawValue)), ("p_yes", .number(c.contest?.pYes ?? .nan)),
      ("p_yes_formed", .number(c.contest?.pYesFormed ?? .nan)), ("reason", .text(c.reason)),
      ("vs_nato_verdict", .optional(c.versusNATO?.verdict.rawValue)), ("vs_nato_p_yes", .number(c.versusNATO?.pYes ?? .nan)),
      ("vs_nato_p_yes_formed", .number(c.versusNATO?.pYesFormed ?? .nan)),
    ]
  }

  func groupRow(_ c: ThesisComparison) -> [Cell] {
    let p = c.bestPartnership.map { c.options[$0] }
    let pValue = c.bestPartnership.map { c.outcomes[$0].expectedMeasure } ?? (c.contest == nil ? .nan : 0)
    let a = c.bestAlliance.map { c.options[$0] }
    return [
      .text(year.ids[c.focus]), .text(year.names[c.focus]), .flag(c.threatened), .optional(p?.label), p.map { .list(codes($0.partners)) } ?? .missing,
      .number(pValue), .optional(a?.allianceName), .number(c.bestAlliance.map { c.outcomes[$0].expectedMeasure } ?? .nan),
      .optional(c.contest?.verdict.rawValue), .number(c.contest?.pYes ?? .nan), .text(c.reason), .optional(c.versusNATO?.verdict.rawValue),
      .number(c.versusNATO?.pYes ?? .nan),
    ]
  }

  func emptyRow(_ i: Int, reason: String) -> [Cell] {
    [
      .text(year.ids[i]), .text(year.names[i]), .missing, .missing, .missing, .number(.nan), .missing, .number(.nan), .missing, .number(.nan),
      .text(reason), .missing, .number(.nan),
    ]
  }
}
