import AllianceModel
import GraphCore

/// The thesis verdict: can the best partnership option be as effective as the best alliance
/// option?
public enum ThesisVerdict: String, Sendable, CaseIterable {
  case yes
  case no
  case undecided
}

/// The rule that turns draws into a verdict (DESIGN §6).
public struct ThesisRule: Sendable, Hashable {
  /// μ: the partnership must reach at least (1 − μ) of the alliance option's measure.
  public var margin = 0.1
  /// `yes` when p_yes ≥ this, `no` when p_yes ≤ `noAtMost`.
  public var yesAtLeast = 0.8
  public var noAtMost = 0.2
  public var draws = 2000
  /// Sample the parameters from their priors in each draw (off: every draw uses the given
  /// parameters, so only formation and holding are drawn).
  public var drawPriors = true
  public init() {}

  /// Whether partnership measure `p` reaches alliance measure `a`: p ≥ a − μ·|a| (so equal
  /// measures pass, and a negative alliance measure is not made easier to beat).
  @inlinable public func reaches(_ p: Double, _ a: Double) -> Bool {
    p >= a - margin * abs(a) - 1e-9 * max(1, abs(a))
  }

  public func verdict(_ pYes: Double) -> ThesisVerdict {
    pYes >= yesAtLeast ? .yes : pYes <= noAtMost ? .no : .undecided
  }
}

/// A partnership option against an alliance option over the same draws.
public struct ThesisContest: Sendable, Hashable {
  /// The share of draws in which the partnership reaches the alliance option, with
  /// formation drawn (the verdict's) and given that every tie forms.
  public var pYes: Double
  public var pYesFormed: Double
  public var verdict: ThesisVerdict
}

/// The thesis for one focal nation (DESIGN §6): every feasible option with its value at the
/// default parameters and its Monte Carlo outcome, the best of each kind, the verdict.
public struct ThesisComparison: Sendable {
  public var focus: Int
  public var threatened: Bool
  /// Partnership options, alliance options (held and joinable), and the hypothetical
  /// memberships of NATO and ANZUS, with their outcomes (same order).
  public var options: [ThesisOption]
  public var outcomes: [OptionOutcome]
  public var bestPartnership: Int?
  public var bestAlliance: Int?
  /// The verdict against the best alliance option; `nil` without one (see ``reason``).
  public var contest: ThesisContest?
  /// The same partnership option against "as if a member of NATO" (the seed's comparison).
  public var versusNATO: ThesisContest?
  public var reason: String
  /// What a trilateral pact adds over two bilateral ties, in words (empty without one).
  public var trilateralNote: String
  /// Major alliances the focus cannot join, with why.
  public var excluded: [String]
  /// The network every option changes: the present one, or without the held membership
  /// that is the best alliance option.
  public var baseline: StrategicNetwork
  /// The option compared with "as if a member of NATO" stands at this index: the
  /// hypothetical row, or the NATO membership held.
  public var natoIndex: Int?

  /// The options compared (for re-running with a prior fixed).
  public var partnershipOption: ThesisOption? { bestPartnership.map { options[$0] } }
  public var allianceOption: ThesisOption? { bestAlliance.map { options[$0] } }
  public var natoOption: ThesisOption? { natoIndex.map { options[$0] } }
}

/// Runs the thesis for a focal nation or a group.
public enum Thesis {
  /// The comparison for `focus`. Options are chosen once at the default parameters by
  /// expected value; then every option is simulated on the same `rule.draws` draws.
  /// O(options · draws · H · ties near the focus + candidates² for the trilateral pact).
  public static func compare(
    _ network: StrategicNetwork, source: AllianceNetwork, focus: Int, parameters: ThesisParameters, model: FormationModel?,
    rule: ThesisRule = ThesisRule(), threads: Int = 1
  ) -> ThesisComparison {
    let builder = ThesisOptionBuilder(network, source: source, focus: focus, parameters: parameters, model: model)
    let (alliances, excluded) = builder.allianceOptions()
    let bestAllianceEntry = alliances.indices.max { better(alliances[$1].option, than: alliances[$0].option) }
    let (baseline, recommender) = bestAllianceEntry.flatMap { alliances[$0].baseline } ?? (network, builder.present)
    let (partnerships, trilateralNote) = builder.partnershipOptions(on: baseline, recommender: recommender)
    let partnershipRow = partnerships.indices.max { better(partnerships[$1], than: partnerships[$0]) }
    let allianceRows = alliances.map(\.option)
    // The hypothetical memberships of NATO and ANZUS, on the same baseline; for a member,
    // the membership it holds stands in.
    var hypothetical: [ThesisOption] = []
    var natoRow: Int? = nil
    for (name, _) in ThesisOptionBuilder.namedAlliances {
      guard let index = builder.named(name) else { continue }
      if network.alliances[index].members.contains(focus) {
        if name == "NATO", let row = allianceRows.firstIndex(where: { $0.alliance == index }), row == bestAllianceEntry { natoRow = partnerships.count + row }
        continue
      }
      let threats = network.alliances[index].members.filter { network.isThreat(focus, $0) }
      var note = "hypothetical"
      let alliance = network.alliances[index]
      let eligible = AccessionRules.isEligible(focus, alliance: alliance, allianceIndex: source.alliances.firstIndex { $0.id == alliance.id }, strategic: network, network: source)
      note += eligible ? (threats.isEmpty ? ": eligible" : "") : ": not eligible"
      if !threats.isEmpty { note += "; holds a threat (\(threats.map { network.ids[$0] }.joined(separator: ", ")), left out of the ties)" }
      if name == "NATO" { natoRow = partnerships.count + allianceRows.count + hypothetical.count }
      hypothetical.append(builder.joining(index, on: baseline, recommender: recommender, pJoin: 1, kind: .hypothetical, note: note))
    }
    var options = partnerships + allianceRows + hypothetical
    // Alliance options whose baseline differs from the compared one are not simulated on it.
    let comparable = options.indices.map { o -> Bool in
      let a = o - partnerships.count
      guard a >= 0, a < alliances.count else { return true }
      return a == bestAllianceEntry || (alliances[a].baseline == nil && bestAllianceEntry.map { alliances[$0].baseline == nil } ?? true)
    }
    let simulated = options.indices.filter { comparable[$0] }
    let simulation = ThesisSimulation(baseline, focus: focus, options: simulated.map { options[$0] }, parameters: parameters, drawPriors: rule.drawPriors)
    let draws = simulation.run(draws: rule.draws, threads: threads)
    var outcomes = [OptionOutcome](repeating: OptionOutcome(expectedMeasure: .nan, conditionalMeasure: .nan, p10: .nan, p90: .nan), count: options.count)
    for (s, o) in simulated.enumerated() { outcomes[o] = outcome(draws.drawn[s], draws.formed[s]) }
    func column(_ o: Int?) -> ([Double], [Double])? {
      guard let o, let s = simulated.firstIndex(of: o) else { return nil }
      return (draws.drawn[s], draws.formed[s])
    }
    let allianceRow = bestAllianceEntry.map { partnerships.count + $0 }
    let zeros = ([Double](repeating: 0, count: rule.draws), [Double](repeating: 0, count: rule.draws))
    let p = column(partnershipRow) ?? zeros
    var contest: ThesisContest? = nil
    var reason: String
    if let a = column(allianceRow) {
      contest = Thesis.contest(p, a, rule: rule)
      let pLabel = partnershipRow.map { options[$0].label } ?? "no partnership option"
      reason = "\(pLabel) vs \(options[allianceRow!].label)"
      if partnershipRow == nil { reason += " (no compatible partner adds value and no small pact to deepen)" }
      let still = { (values: [Double]) in values.allSatisfy { abs($0) < 1e-9 } }
      if simulation.threatened && still(p.1) && still(a.1.map { max(0, $0) }) {
        reason += "; no option closes any gap in any draw (\(network.names[focus]) covers its threats alone): yes only because equal options give yes"
      }
    } else {
      reason = "no alliance option: no major membership held, none open without a threat among its members"
    }
    let versusNATO = column(natoRow).map { Thesis.contest(p, $0, rule: rule) }
    for o in options.indices where !comparable[o] { options[o].note += (options[o].note.isEmpty ? "" : "; ") + "valued on its own baseline, not simulated" }
    return ThesisComparison(
      focus: focus, threatened: simulation.threatened, options: options, outcomes: outcomes, bestPartnership: partnershipRow, bestAlliance: allianceRow,
      contest: contest, versusNATO: versusNATO, reason: reason, trilateralNote: trilateralNote, excluded: excluded, baseline: baseline,
      natoIndex: natoRow)
  }

  /// ``compare(_:source:focus:parameters:model:rule:threads:)`` for every nation of
  /// `members`, in order, spread over `threads` (one focus per thread at a time; results do
  /// not depend on the thread count).
  public static func compareGroup(
    _ network: StrategicNetwork, source: AllianceNetwork, members: [Int], parameters: ThesisParameters, model: FormationModel?,
    rule: ThesisRule = ThesisRule(), threads: Int = 1
  ) -> [ThesisComparison] {
    let results = PartResults<ThesisComparison>(count: members.count)
    // Round-robin over the members: their costs differ, neighbours in the list alike.
    Parallel.forEach(parts: members.count, threads: threads) { k in
      results.set(k, compare(network, source: source, focus: members[k], parameters: parameters, model: model, rule: rule, threads: 1))
    }
    return results.values
  }

  /// Re-runs the verdicts of `comparison` with prior `prior` fixed at `value` (sensitivity):
  /// the options stay as chosen at the default parameters.
  public static func reverdict(
    _ comparison: ThesisComparison, parameters: ThesisParameters, fixing prior: Int, at value: Double, rule: ThesisRule, threads: Int = 1
  ) -> (contest: ThesisContest?, versusNATO: ThesisContest?) {
    var options: [ThesisOption] = []
    let p = comparison.partnershipOption.map { options.append($0); return options.count - 1 }
    let a = comparison.allianceOption.map { options.append($0); return options.count - 1 }
    let nato = comparison.natoOption.map { options.append($0); return options.count - 1 }
    let simulation = ThesisSimulation(
      comparison.baseline, focus: comparison.focus, options: options, parameters: parameters, fixed: (prior, value), drawPriors: rule.drawPriors)
    let draws = simulation.run(draws: rule.draws, threads: threads)
    let zeros = [Double](repeating: 0, count: rule.draws)
    let pc = p.map { (draws.drawn[$0], draws.formed[$0]) } ?? (zeros, zeros)
    return (
      a.map { contest(pc, (draws.drawn[$0], draws.formed[$0]), rule: rule) },
      nato.map { contest(pc, (draws.drawn[$0], draws.formed[$0]), rule: rule) }
    )
  }

  /// p_yes with formation drawn and given every tie forms.
  static func contest(_ p: ([Double], [Double]), _ a: ([Double], [Double]), rule: ThesisRule) -> ThesisContest {
    let count = Double(max(1, p.0.count))
    let yes = zip(p.0, a.0).filter { rule.reaches($0, $1) }.count
    let yesFormed = zip(p.1, a.1).filter { rule.reaches($0, $1) }.count
    let pYes = Double(yes) / count
    return ThesisContest(pYes: pYes, pYesFormed: Double(yesFormed) / count, verdict: rule.verdict(pYes))
  }

  static func outcome(_ drawn: [Double], _ formed: [Double]) -> OptionOutcome {
    let count = Double(max(1, drawn.count))
    let sorted = drawn.sorted()
    return OptionOutcome(
      expectedMeasure: drawn.reduce(0, +) / count, conditionalMeasure: formed.reduce(0, +) / count, p10: MonteCarlo.quantile(sorted, 0.1),
      p90: MonteCarlo.quantile(sorted, 0.9))
  }

  /// Ordered by expected value, then value, then fewer partners.
  static func better(_ a: ThesisOption, than b: ThesisOption) -> Bool {
    func differs(_ x: Double, _ y: Double) -> Bool { abs(x - y) > 1e-12 * max(1, abs(x), abs(y)) }
    if differs(a.expectedValue, b.expectedValue) { return a.expectedValue > b.expectedValue }
    if differs(a.value, b.value) { return a.value > b.value }
    return a.partners.count < b.partners.count
  }
}
