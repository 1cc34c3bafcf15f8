import Benchmark
import Foundation
import GraphCore

// Inputs: a Kronecker graph generated here (scale from ALLIANCE_BENCH_SCALE, default 16),
// written once as text and as a snapshot to a temporary directory. Set
// ALLIANCE_BENCH_EDGELIST to a canonical edge list (e.g. the K20 file of PEERS.md) and
// ALLIANCE_BENCH_NODES to its node count to parse that file instead.

let environment = ProcessInfo.processInfo.environment
let scale = Int(environment["ALLIANCE_BENCH_SCALE"] ?? "") ?? 16
let workDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("alliance-bench-\(getpid())").path

struct Inputs {
  let edgeListPath: String
  let declaredNodes: Int?
  let snapshotPath: String
  let graph: LabeledGraph
  let edgeList: EdgeList
}

func makeInputs() throws -> Inputs {
  try FileManager.default.createDirectory(atPath: workDirectory, withIntermediateDirectories: true)
  let generated = KroneckerGenerator.generate(scale: scale, edgeFactor: 16, seed: 42).graph
  let graph = LabeledGraph(graph: generated)
  let textPath = workDirectory + "/kronecker.el"
  let snapshotPath = workDirectory + "/kronecker.bin"
  try EdgeListWriter.write(graph, to: textPath)
  try GraphSnapshot.write(graph, to: snapshotPath)
  var list = EdgeList(nodeCount: generated.nodeCount)
  for u in 0..<UInt32(generated.nodeCount) {
    for v in generated.neighbors(of: u) where v > u { list.append(u, v) }
  }
  let external = environment["ALLIANCE_BENCH_EDGELIST"]
  return Inputs(
    edgeListPath: external ?? textPath,
    declaredNodes: external != nil ? Int(environment["ALLIANCE_BENCH_NODES"] ?? "") : generated.nodeCount,
    snapshotPath: snapshotPath, graph: graph, edgeList: list)
}

nonisolated(unsafe) var inputs: Inputs?

let benchmarks: @Sendable () -> Void = {
  Benchmark.defaultConfiguration = .init(
    metrics: [.wallClock, .peakMemoryResident, .throughput], timeUnits: .milliseconds,
    warmupIterations: 1, maxDuration: .seconds(10), maxIterations: 20)

  Benchmark("parse edge list (text → edges)") { benchmark in
    let input = inputs!
    for _ in benchmark.scaledIterations {
      let parsed = try EdgeListReader.parse(
        path: input.edgeListPath, options: EdgeListReadOptions(declaredNodes: input.declaredNodes))
      blackHole(parsed.edges.count)
    }
  } setup: {
    if inputs == nil { inputs = try makeInputs() }
  }

  Benchmark("read edge list (parse + CSR build)") { benchmark in
    let input = inputs!
    for _ in benchmark.scaledIterations {
      let result = try EdgeListReader.read(
        path: input.edgeListPath, options: EdgeListReadOptions(declaredNodes: input.declaredNodes))
      blackHole(result.graph.graph.edgeCount)
    }
  } setup: {
    if inputs == nil { inputs = try makeInputs() }
  }

  Benchmark("load snapshot (checksum verified)") { benchmark in
    let input = inputs!
    for _ in benchmark.scaledIterations {
      blackHole(try GraphSnapshot.read(path: input.snapshotPath).graph.edgeCount)
    }
  } setup: {
    if inputs == nil { inputs = try makeInputs() }
  }

  Benchmark("CSR build from edge array") { benchmark in
    let input = inputs!
    for _ in benchmark.scaledIterations {
      var copy = input.edgeList
      blackHole(try CSRGraph.build(consuming: &copy).graph.edgeCount)
    }
  } setup: {
    if inputs == nil { inputs = try makeInputs() }
  }

  Benchmark("generate Kronecker (scale \(scale), edge factor 16)") { benchmark in
    for _ in benchmark.scaledIterations {
      blackHole(KroneckerGenerator.generate(scale: scale, edgeFactor: 16, seed: 7).graph.edgeCount)
    }
  }

  Benchmark("generate uniform G(n, m)") { benchmark in
    for _ in benchmark.scaledIterations {
      blackHole(UniformGenerator.generate(nodes: 1 << scale, edges: 16 << scale, seed: 7).edgeCount)
    }
  }
}
