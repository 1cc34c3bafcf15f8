import AllianceAnalytics
import AllianceModel
import ArgumentParser

struct BlocsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "blocs",
    abstract: "Blocs (Louvain on the alliance layer) and Esteban–Ray polarization over them.",
    discussion: """
      Louvain runs on the obligation layer weighted by ATOP ordinal strength (3 defense/offense, 2 \
      neutrality/consultation, 1 nonaggression), seeded by --seed. Polarization P = Σ_a Σ_{b≠a} π_a^{1+α} π_b \
      with π the blocs' capability shares and α = --polarization-alpha.

      Model parameters (r, m, δ, κ, hops, draws, seed; --params FILE to repeat a run): --help-hidden.

      Examples:
        alliance blocs ../shared/data --year 1962
        alliance blocs --format csv --table bloc_summary
      """)

  @Option(name: .long, help: "Only the N nations with the largest capability in the nations table.") var top: Int?
  @OptionGroup var options: AnalysisOptions

  func validate() throws {
    if let top, top < 1 { throw ValidationError("--top must be at least 1, got \(top)") }
  }

  func run() throws {
    let network = try options.loadNetwork()
    let year = try options.analysisYear(network)
    let parameters = options.parameters
    let blocs = BlocStructure(year.strategic, parameters: parameters, seed: parameters.seed)
    var report = AnalysisReport(dataset: network.metadata.name, year: year.snapshot.year, parameters: parameters)
    var nations = ResultTable(key: "nations", title: "Bloc of each nation", columns: ["nation", "name", "bloc", "capability"])
    let capability = year.strategic.capability
    let order = top.map { n in Array((0..<year.strategic.nodeCount).sorted { capability[$0] != capability[$1] ? capability[$0] > capability[$1] : $0 < $1 }.prefix(n)) }
    for i in order ?? Array(0..<year.strategic.nodeCount) {
      nations.add([.text(year.ids[i]), .text(year.names[i]), .int(blocs.bloc[i]), .number(year.strategic.capability[i])])
    }
    var summary = ResultTable(key: "bloc_summary", title: "Blocs", columns: ["bloc", "members", "capability_share", "largest_members", "largest_member_names"])
    for b in 0..<blocs.count {
      let members = (0..<year.strategic.nodeCount).filter { blocs.bloc[$0] == b }
      let largest = members.sorted { year.strategic.capability[$0] > year.strategic.capability[$1] }.prefix(4)
      summary.add([.int(b), .int(members.count), .number(blocs.capabilityShare[b]), .list(largest.map { year.ids[$0] }), .list(largest.map { year.names[$0] })])
    }
    report.tables = [nations, summary]
    report.scalars = [("blocs", .int(blocs.count)), ("modularity", .number(blocs.modularity)), ("polarization", .number(blocs.polarization))]
    emit(try report.render(options.output))
  }
}
