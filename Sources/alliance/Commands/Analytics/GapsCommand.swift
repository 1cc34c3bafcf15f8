import AllianceAnalytics
import AllianceModel
import ArgumentParser

struct GapsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "gaps",
    abstract: "Coverage gaps: threat pressure Θ, committed defense D, coverage ratio CR, gap G, dependence, roll-ups and single points of failure.",
    discussion: """
      Θ_i = Σ w_ij·g(d_ij)·C_j over threats j (rivals, recent dispute opponents, listed threats; w: intensity); \
      D_i = C_i + Σ φ_ik·a_def(i,k)·g(d_ik)·C_k over defenders k (defense/offense ties; direct obligations only \
      unless --defense-hops; φ_ik: the share of i's threat pressure from threats k does not also defend); \
      CR_i = D_i/Θ_i (inf without threats); G_i = max(0, Θ_i − D_i); uncovered when CR_i < 1. The top patron is \
      the largest defender; dependent when it holds at least --dependence-threshold of D_i − C_i. Roll-ups give \
      total Θ, total gap and counts, never a sum of D. --monte-carlo adds the distribution of E and CR when each \
      tie holds with its reliability r (--common-shock: a treaty's ties fail together).

      Model parameters (r, m, δ, κ, hops, draws, seed; --params FILE to repeat a run): --help-hidden.

      Examples:
        alliance gaps --threatened-only --monte-carlo
        alliance gaps --group oic --top 10 --format csv
        alliance gaps ../shared/data --year 1962 --focus Cuba
      """)

  @Option(name: .long, help: "Only this nation (code, abbreviation or name).") var focus: String?
  @Option(name: .long, help: "Only the members of a group (oic, a region, a dataset group, or a file of codes).") var group: String?
  @Flag(name: .long, help: "Only nations with threats.") var threatenedOnly = false
  @Option(name: .long, help: "Only the N nations with the largest gap G (ties: by code).") var top: Int?
  @Flag(name: .long, help: "Add Monte Carlo reliability: mean and P10/P50/P90 of E and CR, and P(CR ≥ 1).") var monteCarlo = false
  @OptionGroup var options: AnalysisOptions

  func run() throws {
    let network = try options.loadNetwork()
    let year = try options.analysisYear(network)
    let parameters = options.parameters
    let strategic = year.strategic
    let assessment = Assessment(strategic, parameters: parameters)
    var members: [Int]
    if let focus { members = [try year.node(focus, option: "--focus", needsData: true)] } else if let group { members = try year.groupNodes(group) } else { members = Array(0..<strategic.nodeCount) }
    if threatenedOnly { members = members.filter { assessment.nations[$0].threatCount > 0 } }
    if let top {
      guard top >= 1 else { throw ValidationError("--top must be at least 1, got \(top)") }
      let gap = { (i: Int) in assessment.nations[i].gap }
      members = Array(members.sorted { gap($0) != gap($1) ? gap($0) > gap($1) : year.ids[$0] < year.ids[$1] }.prefix(top))
    }
    var report = AnalysisReport(dataset: network.metadata.name, year: year.snapshot.year, parameters: parameters)
    var columns = ["nation", "name", "capability", "capability_year", "theta", "d", "cr", "gap", "uncovered", "threats", "top_patron", "top_patron_share", "dependent", "cr_without_top_patron", "inputs_flagged"]
    var distributions: [Int: ReliabilityDistribution] = [:]
    if monteCarlo {
      columns += ["mc_mean_e", "mc_p10_e", "mc_p50_e", "mc_p90_e", "mc_mean_cr", "mc_p10_cr", "mc_p50_cr", "mc_p90_cr", "mc_p_covered"]
      let progress = ProgressReporter("monte carlo")
      let results = options.timed("monte carlo (\(parameters.draws) draws, \(members.count) nations)") {
        MonteCarlo.run(strategic, parameters: parameters, focus: members, threads: options.threads)
      }
      progress.finish()
      for result in results { distributions[result.nation] = result }
    }
    var table = ResultTable(key: "nations", title: "Coverage\(group.map { " — group \($0)" } ?? "")", columns: columns)
    for i in members {
      let a = assessment.nations[i]
      var row: [Cell] = [.text(year.ids[i]), .text(year.names[i]), .number(a.capability), year.capabilityYearCell(i), .number(a.theta), .number(a.d), .number(a.cr), .number(a.gap), .flag(a.uncovered), .list(strategic.threats(of: i).map { year.ids[$0] }), .optional(a.topPatron.map { year.ids[$0] }), .number(a.topPatron == nil ? .nan : a.topPatronShare), .flag(a.dependent), .number(a.crWithoutTopPatron), .list(strategic.inputFlags[i])]
      if let m = distributions[i] {
        row += [.number(m.meanE), .number(m.p10E), .number(m.p50E), .number(m.p90E), .number(m.meanCR), .number(m.p10CR), .number(m.p50CR), .number(m.p90CR), .number(m.probabilityCovered)]
      }
      table.add(row)
    }
    report.tables.append(table)
    if focus == nil {
      var rollups = ResultTable(key: "rollups", title: "Roll-ups by region and for the system", columns: ["region", "nations", "threatened", "uncovered", "dependent", "theta", "gap", "mean_fm"])
      let groups = group == nil ? CoverageRollup.byRegion(strategic, assessment) : [CoverageRollup(name: group!, members: members, assessment: assessment)]
      for r in groups {
        rollups.add([.text(r.name), .int(r.nations), .int(r.threatened), .int(r.uncovered), .int(r.dependent), .number(r.theta), .number(r.gap), .number(r.meanFM)])
      }
      report.tables.append(rollups)
      let spof = SinglePointsOfFailure(strategic)
      var points = ResultTable(key: "single_points_of_failure", title: "Single points of failure of the defense layer", columns: ["kind", "nation", "name", "other", "other_name"])
      for v in spof.articulationPoints { points.add([.text("articulation point"), .text(year.ids[v]), .text(year.names[v]), .missing, .missing]) }
      for (u, v) in spof.bridges { points.add([.text("bridge"), .text(year.ids[u]), .text(year.names[u]), .text(year.ids[v]), .text(year.names[v])]) }
      report.tables.append(points)
    }
    report.notes.append(year.capabilityNote)
    emit(try report.render(options.output))
  }
}
