import AllianceAnalytics
import AllianceModel
import AllianceRender
import Benchmark
import Foundation

// The alliance jobs of the README's performance table. ATOP/COW data is read from
// ALLIANCE_BENCH_DATA (default: ../shared/data beside the project); benchmarks that need it
// are skipped, with a message, when it is absent. The curated dataset is built in.

let environment = ProcessInfo.processInfo.environment
let projectRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
  .deletingLastPathComponent().deletingLastPathComponent()
let referenceData = environment["ALLIANCE_BENCH_DATA"] ?? projectRoot.deletingLastPathComponent().appendingPathComponent("shared/data").path
let haveReferenceData = FileManager.default.fileExists(atPath: referenceData + "/cow/states.csv")

nonisolated(unsafe) var atop: AllianceNetwork?
nonisolated(unsafe) var atop2012: StrategicNetwork?

func loadATOP() throws {
  if atop == nil { atop = try ReferenceDataReader.read(folder: referenceData) }
  if atop2012 == nil {
    atop2012 = StrategicNetwork(snapshot: try YearSnapshot(network: atop!, year: 2012), network: atop!)
  }
}

let benchmarks: @Sendable () -> Void = {
  Benchmark.defaultConfiguration = .init(
    metrics: [.wallClock, .peakMemoryResident], timeUnits: .milliseconds, warmupIterations: 1,
    maxDuration: .seconds(10), maxIterations: 10)

  guard haveReferenceData else {
    print("ATOP/COW data not found at \(referenceData): set ALLIANCE_BENCH_DATA; only the curated report runs")
    Benchmark("report, curated dataset") { benchmark in
      for _ in benchmark.scaledIterations { blackHole(try curatedReport().count) }
    }
    return
  }

  Benchmark("ATOP import + all yearly snapshots") { benchmark in
    for _ in benchmark.scaledIterations {
      let network = try ReferenceDataReader.read(folder: referenceData)
      var edges = 0
      for year in network.years { edges += try YearSnapshot(network: network, year: year).union.edgeCount }
      blackHole(edges)
    }
  }

  Benchmark("timeline 1816-2018 (FM, coverage, S, blocs)") { benchmark in
    for _ in benchmark.scaledIterations {
      blackHole(try Timeline.system(atop!, years: 1816...2018, parameters: ModelParameters(), threads: 2).count)
    }
  } setup: { try loadATOP() }

  Benchmark("criticality, ATOP 2012") { benchmark in
    let network = atop2012!
    let assessment = Assessment(network, parameters: ModelParameters())
    for _ in benchmark.scaledIterations { blackHole(Criticality.ranking(network, assessment, threads: 2).count) }
  } setup: { try loadATOP() }

  Benchmark("Monte Carlo 10,000 draws, one nation, ATOP 2012") { benchmark in
    let network = atop2012!
    let usa = network.node(id: "2")!
    for _ in benchmark.scaledIterations { blackHole(MonteCarlo.run(network, parameters: ModelParameters(), focus: [usa], threads: 2).count) }
  } setup: { try loadATOP() }

  Benchmark("Monte Carlo 10,000 draws, all nations, ATOP 2012") { benchmark in
    let network = atop2012!
    for _ in benchmark.scaledIterations { blackHole(MonteCarlo.run(network, parameters: ModelParameters(), threads: 2).count) }
  } setup: { try loadATOP() }

  Benchmark("render ATOP 2012 to SVG") { benchmark in
    let network = atop2012!
    let snapshot = try YearSnapshot(network: atop!, year: 2012)
    let assessment = Assessment(network, parameters: ModelParameters())
    let input = DiagramFactory.input(network, snapshot: snapshot, assessment: assessment, parameters: ModelParameters(), sizeBy: .capability, colorBy: .bloc, title: "ATOP 2012")
    for _ in benchmark.scaledIterations {
      let source = try AllianceDiagram.build(input, options: DiagramOptions())
      blackHole(try source.render(.svg).count)
    }
  } setup: { try loadATOP() }

  Benchmark("render ATOP 2012 geographic view with basemap to SVG") { benchmark in
    let network = atop2012!
    let snapshot = try YearSnapshot(network: atop!, year: 2012)
    let assessment = Assessment(network, parameters: ModelParameters())
    let input = DiagramFactory.input(network, snapshot: snapshot, assessment: assessment, parameters: ModelParameters(), sizeBy: .capability, colorBy: .bloc, title: "ATOP 2012")
    var options = DiagramOptions()
    options.layout = .geo
    for _ in benchmark.scaledIterations {
      let source = try AllianceDiagram.build(input, options: options)
      blackHole(try source.render(.svg).count)
    }
  } setup: { try loadATOP() }

  Benchmark("report, curated dataset") { benchmark in
    for _ in benchmark.scaledIterations { blackHole(try curatedReport().count) }
  }
}

func curatedReport() throws -> String {
  let network = try DatasetLoader.builtIn()
  var options = ReportOptions(year: network.metadata.asOf, focus: try network.resolve("PAK"))
  options.threads = 2
  return try HTMLReport.build(network, options: options)
}
