import AllianceAnalytics
import AllianceModel
import ArgumentParser

struct SimilarityCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "similarity",
    abstract: "Alliance-portfolio similarity S (Signorino–Ritter, ATOP ordinal coding) for all pairs or one focus.",
    discussion: """
      Each dyad is coded 3 (defense/offense), 2 (neutrality/consultation), 1 (nonaggression) or 0, a nation with \
      itself 3; S_ij = 1 − 2·Σ_k |v_ik − v_jk| / (3n), from −1 (opposite portfolios) to 1 (identical).

      Model parameters (r, m, δ, κ, hops, draws, seed; --params FILE to repeat a run): --help-hidden.

      Examples:
        alliance similarity --focus Turkey --top 10
        alliance similarity ../shared/data --year 2012 --format csv
      """)

  @Option(name: .long, help: "Only pairs with this nation, most similar first.") var focus: String?
  @Option(name: .long, help: "Only the N most similar pairs.") var top: Int?
  @OptionGroup var options: AnalysisOptions

  func run() throws {
    let network = try options.loadNetwork()
    let year = try options.analysisYear(network)
    let s = PortfolioSimilarity.matrix(year.strategic, threads: options.threads)
    let n = year.strategic.nodeCount
    var report = AnalysisReport(dataset: network.metadata.name, year: year.snapshot.year, parameters: options.parameters)
    var pairs: [(Int, Int)] = []
    if let focus {
      let i = try year.node(focus, option: "--focus")
      pairs = (0..<n).filter { $0 != i }.map { (i, $0) }
    } else {
      for i in 0..<n { for j in (i + 1)..<max(i + 1, n) { pairs.append((i, j)) } }
    }
    if focus != nil || top != nil {
      pairs.sort { s[$0.0 * n + $0.1] != s[$1.0 * n + $1.1] ? s[$0.0 * n + $0.1] > s[$1.0 * n + $1.1] : ($0.0, $0.1) < ($1.0, $1.1) }
    }
    var table = ResultTable(key: "pairs", title: "Portfolio similarity S", columns: ["nation", "name", "other", "other_name", "s"])
    for (i, j) in pairs.prefix(top ?? .max) {
      table.add([.text(year.ids[i]), .text(year.names[i]), .text(year.ids[j]), .text(year.names[j]), .number(s[i * n + j])])
    }
    report.tables.append(table)
    emit(try report.render(options.output))
  }
}
