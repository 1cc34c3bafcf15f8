import AllianceAnalytics
import AllianceModel
import ArgumentParser
import Foundation

struct RecommendCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "recommend",
    abstract: "Recommend new defense partners for a focal nation: value net of entrapment, weighed by how likely the tie is to form.",
    discussion: """
      Each candidate (not already a defense partner, not a threat) gets its value — the gap reduction net of \
      entrapment for a threatened focus, the gain of E minus the gap its threats open otherwise — with a new \
      defense tie at base reliability; entrapment adds ε·r·Σ w·g·C over the candidate's threats that are not yet \
      the focus's (--entrapment ε). p_form is the formation model's probability that the pair forms a \
      defense/offense pledge within 10 years: fitted on the dataset's ATOP history with no look-ahead (cached), \
      or the model a dataset ships (the curated dataset's, fitted on ATOP up to 2008). Candidates are ranked by \
      p_form × value (--rank-by); after each pick the rest are re-evaluated. Candidates that are threats of the \
      focus's defense partners or of earlier picks, or defense partners of its threats, are left out unless \
      --any-partner (then marked). --explain-model prints the model's coefficients.

      Model parameters (r, m, δ, κ, hops, draws, seed; --params FILE to repeat a run): --help-hidden.

      Examples:
        alliance recommend --focus Pakistan --count 5
        alliance recommend --focus Malaysia --explain-model
      """)

  @Option(name: .long, help: "The focal nation (code, abbreviation or name).") var focus: String
  @Option(name: .long, help: "Number of partners to recommend.") var count = 5
  @Option(name: .long, help: "Ranking: expected (p_form × value), value or p-form.") var rankBy: AllyRanking = .expected
  @Option(name: .long, help: "Entrapment ε: the share of an imported threat's pressure a new tie brings.") var entrapment = 0.5
  @Flag(name: .long, help: "Print the formation model: coefficients, standard errors, fit span and rows.") var explainModel = false
  @OptionGroup var options: AnalysisOptions

  func validate() throws {
    if count < 1 { throw ValidationError("--count must be at least 1, got \(count)") }
    if !(0...1).contains(entrapment) { throw ValidationError("--entrapment must lie in [0, 1], got \(entrapment)") }
  }

  func run() throws {
    let network = try options.loadNetwork()
    let year = try options.analysisYear(network)
    let parameters = options.parameters
    let i = try year.node(focus, option: "--focus", needsData: true)
    let search = PartnerSearch(year.strategic, focus: i, parameters: parameters)
    let found = try options.formationModel(network, year: year.snapshot.year)
    let recommender = AllyRecommender(search, network: year.strategic, model: found?.model, entrapment: entrapment)
    let picks = options.timed("recommend") { recommender.recommend(count: count, ranking: rankBy, anyPartner: !parameters.compatiblePartners) }
    var report = AnalysisReport(dataset: network.metadata.name, year: year.snapshot.year, parameters: parameters)
    var table = ResultTable(
      key: "recommendations", title: "Recommended defense partners for \(year.names[i]) (\(year.ids[i]))",
      columns: ["rank", "nation", "name", "p_form", "gap_reduction", "fm_gain", "threats_brought", "value", "expected_value", "path", "why"])
    for (rank, pick) in picks.enumerated() {
      table.add([
        .int(rank + 1), .text(year.ids[pick.partner]), .text(year.names[pick.partner]), .number(pick.pForm ?? .nan), .number(pick.gapReduction),
        .number(pick.fmGain), .list(pick.threatsBrought.map { year.ids[$0] }), .number(pick.value),
        .number(pick.expectedValue ?? .nan), .text("\(year.ids[i])>\(year.ids[pick.partner])"), .text(explain(pick, recommender, year)),
      ])
    }
    report.tables.append(table)
    if picks.count < count { report.notes.append("\(picks.count) of \(count) partners: no other candidate adds value or, net of the threats it brings, force") }
    if let found, explainModel {
      report.tables.append(coefficientTable(found.model.fit, key: "model", title: "Formation model (\(found.origin.rawValue))"))
      if let accession = found.model.accession { report.tables.append(accessionTable(accession)) }
    }
    if let accession = found?.model.accession {
      // p_join of the focus for every alliance in force with 3 or more members it is not in.
      var joins = ResultTable(key: "alliances", title: "Alliances \(year.names[i]) could join (p_join)", columns: ["alliance", "name", "members", "major", "eligible", "p_join", "why"])
      let estimates = year.strategic.alliances.indices.filter { year.strategic.alliances[$0].members.count >= 3 && !year.strategic.alliances[$0].members.contains(i) }
        .filter { !year.strategic.alliances[$0].obligations.intersection(ReliabilityGraph.capabilityLayer).isEmpty }
        .map { accession.estimate(i, alliance: $0, strategic: year.strategic, network: network, context: recommender.context) }
        .sorted { ($0.probability ?? 0) > ($1.probability ?? 0) }
      for estimate in estimates {
        let alliance = year.strategic.alliances[estimate.alliance]
        // Major: the dataset's flag; in ATOP years (no flag), a pact of 4 or more members.
        let major = network.alliances.first { $0.id == alliance.id }.map { network.metadata.layout == .project ? $0.major : alliance.members.count >= 4 } ?? false
        joins.add([.text(alliance.id), .text(alliance.name), .int(alliance.members.count), .flag(major), .flag(estimate.eligible), .number(estimate.probability ?? .nan), .text(estimate.reason.isEmpty ? "eligible, no threat among the members: the accession model's probability" : estimate.reason)])
      }
      report.tables.append(joins)
    }
    let base = search.base
    report.scalars = [
      ("focus", .text(year.ids[i])), ("capability", .number(year.strategic.capability[i])), ("e", .number(base.e)), ("fm", .number(base.fm)),
      ("theta", .number(base.theta)), ("d", .number(base.d)), ("cr", .number(base.cr)), ("gap", .number(base.gap)),
      ("threats", .list(year.strategic.threats(of: i).map { year.ids[$0] })),
    ]
    if let found {
      let m = found.model
      report.scalars += [
        ("model", .text(found.origin.rawValue)), ("model_dataset", .text(m.dataset)), ("model_fit_years", .text("\(m.firstYear)–\(m.lastYear)")),
        ("model_rows", .int(m.fit.rows)), ("model_positives", .int(m.fit.positives)), ("model_horizon", .int(m.options.horizon)),
        ("model_negative_rate", .number(m.options.negativeRate)), ("model_penalty", .number(m.fit.penalty)),
      ]
    } else {
      report.notes.append("no formation model: the dataset has no ATOP history and ships none; ranked by value (p_form empty)")
    }
    emit(try report.render(options.output))
  }

  /// The reasons in words: the gap it closes, the threats it brings, p_form and what drives it.
  func explain(_ pick: AllyCandidate, _ recommender: AllyRecommender, _ year: AnalysisYear) -> String {
    var parts: [String] = []
    let before = pick.after.gap + pick.gapReduction
    if pick.gapReduction > 0 {
      parts.append(String(format: "closes %.0f%% of the remaining gap", before > 0 ? 100 * pick.gapReduction / before : 0))
    } else if recommender.search.base.theta == 0 {
      parts.append(String(format: "no threats: adds %.3g to E", pick.eGain))
    } else {
      parts.append("adds depth, not coverage")
    }
    if !pick.threatsBrought.isEmpty {
      parts.append("brings \(pick.threatsBrought.map { year.ids[$0] }.joined(separator: ", ")) (entrapment: Θ +" + String(format: "%.3g", pick.entrapment) + ")")
    }
    if let p = pick.pForm { parts.append(String(format: "p_form %.3f", p)) }
    if !pick.incompatibility.isEmpty { parts.append("incompatible: \(pick.incompatibility)") }
    if pick.distance.isFinite { parts.append(String(format: "%.0f km", pick.distance)) }
    return parts.joined(separator: "; ")
  }
}

extension AllyRanking: ExpressibleByArgument {}
