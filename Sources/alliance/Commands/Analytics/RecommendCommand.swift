import AllianceAnalytics
import AllianceModel
import ArgumentParser

struct RecommendCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "recommend",
    abstract: "Recommend new defense partners for a focal nation (greedy top-k, explained).",
    discussion: """
      Each candidate (not already a defense partner, not a threat) is scored by the gap reduction and FM gain \
      of a new defense tie with the default reliability; ties are broken by cooperation channels already in place \
      (κ), alliance-portfolio similarity S, then proximity. After each pick the rest are re-evaluated.
      """)

  @OptionGroup var options: AnalysisOptions
  @Option(name: .long, help: "The focal nation (code, abbreviation or name).") var focus: String
  @Option(name: .long, help: "Number of partners to recommend.") var count = 5
  @Flag(name: .long, help: "Also list every candidate's effect as a single new partner.") var candidates = false

  func validate() throws {
    if count < 1 { throw ValidationError("--count must be at least 1, got \(count)") }
  }

  func run() throws {
    let network = try options.loadNetwork()
    let year = try options.analysisYear(network)
    let parameters = options.parameters
    let i = try year.node(focus, option: "--focus", needsData: true)
    let search = PartnerSearch(year.strategic, focus: i, parameters: parameters)
    let similarity = PortfolioSimilarity.matrix(year.strategic, threads: options.threads)
    let picks = PartnerStrategies.recommend(search, network: year.strategic, similarity: similarity, count: count)
    var report = AnalysisReport(dataset: network.metadata.name, year: year.snapshot.year, parameters: parameters)
    var table = ResultTable(key: "recommendations", title: "Recommended defense partners for \(year.names[i]) (\(year.ids[i]))", columns: ["rank", "nation", "name", "gap_reduction", "fm_gain", "kappa", "s", "distance_km", "gap_after", "cr_after", "fm_after", "why"])
    for (rank, pick) in picks.enumerated() {
      table.add([.int(rank + 1), .text(year.ids[pick.partner]), .text(year.names[pick.partner]), .number(pick.gapReduction), .number(pick.fmGain), .number(pick.kappa), .number(pick.similarity), .number(pick.distance), .number(pick.after.gap), .number(pick.after.cr), .number(pick.after.fm), .text(explain(pick, search.base, year))])
    }
    report.tables.append(table)
    if candidates {
      var all = ResultTable(key: "candidates", title: "Every candidate as a single new partner", columns: ["nation", "name", "gap_reduction", "fm_gain", "kappa", "s", "distance_km"])
      for pick in PartnerStrategies.candidates(search, network: year.strategic, similarity: similarity) {
        all.add([.text(year.ids[pick.partner]), .text(year.names[pick.partner]), .number(pick.gapReduction), .number(pick.fmGain), .number(pick.kappa), .number(pick.similarity), .number(pick.distance)])
      }
      report.tables.append(all)
    }
    let base = search.base
    report.scalars = [("focus", .text(year.ids[i])), ("capability", .number(year.strategic.capability[i])), ("e", .number(base.e)), ("fm", .number(base.fm)), ("theta", .number(base.theta)), ("d", .number(base.d)), ("cr", .number(base.cr)), ("gap", .number(base.gap)), ("threats", .text(year.strategic.threats(of: i).map { year.ids[$0] }.joined(separator: ";")))]
    emit(report.render(options.output.format))
  }

  func explain(_ pick: PartnerPick, _ base: FocalScore, _ year: AnalysisYear) -> String {
    var parts: [String] = []
    let before = pick.after.gap + pick.gapReduction
    if pick.gapReduction > 0 {
      parts.append(String(format: "closes %.0f%% of the remaining gap", before > 0 ? 100 * pick.gapReduction / before : 0))
    } else if base.theta > 0 && base.gap == 0 {
      parts.append("already covered: adds depth")
    } else if base.theta == 0 {
      parts.append("no threats: adds force")
    }
    if pick.fmGain.isFinite && pick.fmGain > 0 { parts.append(String(format: "FM +%.3g", pick.fmGain)) }
    if pick.kappa > 0 { parts.append(String(format: "channels in place (κ %.1f)", pick.kappa)) }
    if pick.distance.isFinite { parts.append(String(format: "%.0f km", pick.distance)) }
    return parts.joined(separator: "; ")
  }
}
