import AllianceAnalytics
import AllianceModel
import ArgumentParser

struct MultiplierCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "multiplier",
    abstract: "Force multiplier E and FM, synergy SYN and top contributors of every nation (or a group, or one focus).",
    discussion: """
      E_i = C_i + Σ a(i,j)·g(d_ij)·C_j over partners j that are not threats; FM_i = E_i / C_i (empty when C_i = 0). \
      a(i,j) is the most reliable path of at most H hops over defense, offense and consultation ties; g is the \
      distance decay. SYN_i = S_i / C_i² (Lanchester) adds interoperability κ from integrated commands and \
      cooperation channels. With --focus, lists that nation's partners and their contributions.

      Model parameters (r, m, δ, κ, hops, draws, seed; --params FILE to repeat a run): --help-hidden.

      Examples:
        alliance multiplier --group oic --top 10
        alliance multiplier --focus Pakistan
      """)

  @Option(name: .long, help: "Show one nation's partner contributions (code, abbreviation or name).") var focus: String?
  @Option(name: .long, help: "Only the members of a group (oic, a region, a dataset group, or a file of codes).") var group: String?
  @Option(name: .long, help: "Only the N nations with the largest FM (or contributions with --focus).") var top: Int?
  @OptionGroup var options: AnalysisOptions

  func run() throws {
    let network = try options.loadNetwork()
    let year = try options.analysisYear(network)
    let parameters = options.parameters
    let strategic = year.strategic
    let assessment = Assessment(strategic, parameters: parameters)
    var report = AnalysisReport(dataset: network.metadata.name, year: year.snapshot.year, parameters: parameters)
    if let focus {
      let i = try year.node(focus, option: "--focus", needsData: true)
      let a = assessment.nations[i]
      var table = ResultTable(key: "contributions", title: "Partners of \(year.names[i]) (\(year.ids[i])) by contribution to E", columns: ["nation", "name", "a", "g", "capability", "contribution", "share", "path", "r"])
      let contributions = assessment.contributions(of: i, in: strategic)
      for c in contributions.prefix(top ?? .max) {
        let path = c.path.map { year.ids[$0] }.joined(separator: ">")
        let why = zip(c.path, c.hops).enumerated().map { k, hop in
          (c.path.count > 2 ? "\(year.ids[hop.0])–\(year.ids[c.path[k + 1]]) " : "") + hop.1.explanation
        }.joined(separator: " · ")
        table.add([.text(year.ids[c.partner]), .text(year.names[c.partner]), .number(c.reach), .number(c.decay), .number(strategic.capability[c.partner]), .number(c.value), .number(a.e - a.capability > 0 ? c.value / (a.e - a.capability) : .nan), .text(path), .text(why)])
      }
      report.tables.append(table)
      report.scalars = [("nation", .text(year.ids[i])), ("name", .text(year.names[i])), ("capability", .number(a.capability)), ("capability_year", year.capabilityYearCell(i)), ("inputs_flagged", .list(strategic.inputFlags[i])), ("e", .number(a.e)), ("fm", .number(a.fm)), ("syn", .number(a.syn)), ("partners", .int(a.partners))]
    } else {
      let members = try group.map { try year.groupNodes($0) } ?? Array(0..<strategic.nodeCount)
      var table = ResultTable(key: "nations", title: "Force multiplier\(group.map { " — group \($0)" } ?? "")", columns: ["nation", "name", "capability", "capability_year", "e", "fm", "syn", "partners", "top_contributors", "inputs_flagged"])
      var rows = members
      if top != nil {
        rows.sort { (assessment.nations[$0].fm.isNaN ? -1 : assessment.nations[$0].fm) > (assessment.nations[$1].fm.isNaN ? -1 : assessment.nations[$1].fm) }
      }
      for i in rows.prefix(top ?? .max) {
        let a = assessment.nations[i]
        let contributors = assessment.contributions(of: i, in: strategic).prefix(3).map { year.ids[$0.partner] }
        table.add([.text(year.ids[i]), .text(year.names[i]), .number(a.capability), year.capabilityYearCell(i), .number(a.e), .number(a.fm), .number(a.syn), .int(a.partners), .list(contributors), .list(strategic.inputFlags[i])])
      }
      report.tables.append(table)
      let undefined = members.filter { assessment.nations[$0].fm.isNaN }.count
      if undefined > 0 { report.notes.append("\(undefined) nation(s) have capability 0: FM and SYN are undefined (empty); E is still reported") }
    }
    report.notes.append(year.capabilityNote)
    emit(try report.render(options.output))
  }
}
