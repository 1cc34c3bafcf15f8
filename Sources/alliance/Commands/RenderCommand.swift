import AllianceAnalytics
import AllianceModel
import AllianceRender
import ArgumentParser
import GraphCore

extension DiagramLayout: ExpressibleByArgument {}
extension SizeMetric: ExpressibleByArgument {}
extension ColorScheme: ExpressibleByArgument {}
extension PartnerTies: ExpressibleByArgument {}

struct RenderCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "render",
    abstract: "Draw an alliance diagram with Graphviz (in-process): SVG, PNG, PDF or DOT.",
    discussion: """
      Layouts: force (neato up to 120 nations, sfdp above), geo (capitals on an equirectangular map with \
      coastlines and borders, GSHHG), ego (the --focus nation, its partners and its threats; ties among the \
      partners faint, see --partner-ties) and alliances (alliances as boxes linked to their members). Node area \
      is proportional to --size-by (a size legend gives reference circles; zero or unknown values are drawn \
      small with a dashed outline); colour follows --color-by with the Okabe–Ito colour-blind-safe palette for \
      the six largest groups, the rest grey. Uncovered nations have a red border, single points of failure of \
      the defense layer a double border, the focus a black border and a bold label. Edge style shows the \
      strongest tie type; threats are dark red dashes (ego and geo). Labels are short names or abbreviations \
      (full names in tooltips), placed without overlaps. Above --max-nodes (300) nations, filter with --top K \
      or --component, or the command refuses. A graph file (.el, .bin, …) is drawn plainly, sized by degree.

      Model parameters (r, m, δ, κ, hops, draws, seed; --params FILE to repeat a run): --help-hidden.

      Examples:
        alliance render --layout geo --out map.svg
        alliance render --layout ego --focus Pakistan --out pakistan.png
        alliance render --layout force --size-by fm --top 60 --out fm.pdf
        alliance render ../shared/data --year 1962 --layout geo --out 1962.svg
      """)

  @Option(name: .long, help: "Output file: .svg, .png, .pdf or .dot.") var out: String
  @Option(name: .long, help: "Layout: force, geo, ego or alliances.") var layout: DiagramLayout = .force
  @Option(name: .long, help: "Node size: \(SizeMetric.allCases.map(\.rawValue).joined(separator: ", ")).") var sizeBy: SizeMetric = .capability
  @Option(name: .long, help: "Node colour: \(ColorScheme.allCases.map(\.rawValue).joined(separator: ", ")).") var colorBy: ColorScheme = .bloc
  @Option(name: .long, help: "Focal nation (ego view; outlined in the others).") var focus: String?
  @Option(name: .long, help: "Keep only the K nations largest by --size-by.") var top: Int?
  @Flag(name: .long, help: "Keep only the largest connected component (or the focus's).") var component = false
  @Option(name: .long, help: "Refuse above this many nodes unless filtered.") var maxNodes = 300
  @Option(name: .long, help: "Ties drawn: all, obligations, capability, channels, or a tie type.") var ties = "all"
  @Option(name: .long, help: "Alliance view: alliances with at least this many members.") var minMembers = 3
  @Option(name: .customLong("ego-hops"), help: "Ego view: hops around the focus.") var egoHops = 1
  @Option(name: .long, help: "Ego view: ties among the partners: faint, off or full (the focus's own ties and threats are always drawn).") var partnerTies: PartnerTies = .faint
  @Flag(name: .long, help: "Geographic view: no coastlines and borders under the capitals.") var noBasemap = false
  @Option(name: .long, help: "PNG resolution in dots per inch (default 72: one pixel per point).") var dpi: Double?
  @OptionGroup var options: AnalysisOptions

  func validate() throws {
    guard DiagramFormat(path: out) != nil else { throw ValidationError("--out \(out): expected a .svg, .png, .pdf or .dot file") }
    if let top, top < 1 { throw ValidationError("--top must be at least 1") }
    if maxNodes < 1 { throw ValidationError("--max-nodes must be at least 1") }
    if let dpi {
      guard (10...600).contains(dpi) else { throw ValidationError("--dpi must lie in 10...600, got \(dpi)") }
      guard DiagramFormat(path: out) == .png else { throw ValidationError("--dpi applies to .png output only") }
    }
  }

  func tieTypes() throws -> TieTypeSet {
    switch ties.lowercased() {
    case "all": return TieTypeSet(TieType.allCases)
    case "obligations": return TieTypeSet(TieType.obligations)
    case "capability": return ReliabilityGraph.capabilityLayer
    case "channels": return TieTypeSet(TieType.channels)
    default:
      let parts = ties.split(separator: ",").map(String.init)
      var set = TieTypeSet()
      for part in parts {
        guard let type = TieType(name: part) else { throw DataError("--ties: unknown \"\(part)\": expected all, obligations, capability, channels or \(TieType.namesDescription)") }
        set.insert(type)
      }
      return set
    }
  }

  func run() throws {
    let format = DiagramFormat(path: out)!
    let clock = ContinuousClock.now
    let source: DiagramSource
    if let path = options.dataset, !InputKind.isDataset(path) {
      source = try GraphFileDiagram.build(path: path, maxNodes: maxNodes, top: top, threads: options.threads)
    } else {
      let network = try options.loadNetwork()
      let year = try options.analysisYear(network)
      let parameters = options.parameters
      let assessment = Assessment(year.strategic, parameters: parameters)
      var diagramOptions = DiagramOptions()
      diagramOptions.layout = layout
      diagramOptions.focus = try focus.map { try year.node($0, option: "--focus") }
      diagramOptions.types = try tieTypes()
      diagramOptions.maxNodes = maxNodes
      diagramOptions.top = top
      diagramOptions.component = component
      diagramOptions.minimumMembers = minMembers
      diagramOptions.egoHops = egoHops
      diagramOptions.partnerTies = partnerTies
      diagramOptions.basemap = !noBasemap
      let title = "\(network.metadata.title), \(year.snapshot.year)" + (diagramOptions.focus.map { " — \(year.names[$0])" } ?? "")
      let input = DiagramFactory.input(year.strategic, snapshot: year.snapshot, assessment: assessment, parameters: parameters, sizeBy: sizeBy, colorBy: colorBy, title: title)
      do { source = try AllianceDiagram.build(input, options: diagramOptions) } catch { throw DataError(error.description) }
    }
    let bytes = try source.render(format, dpi: dpi)
    try AtomicFile.write(to: out) { writer in try writer.write(bytes) }
    var report = KeyValueReport()
    report.add("output", out)
    report.add("format", format.rawValue)
    report.add("layout", source.engine)
    report.add("nodes", source.nodes.count)
    report.add("edges", source.edges)
    report.add("bytes", bytes.count)
    report.add("seconds", (ContinuousClock.now - clock).seconds)
    if let note = source.note { report.add("note", note) }
    emit(report.render(options.output.format))
  }
}
