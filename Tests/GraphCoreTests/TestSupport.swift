import Foundation
import Testing

@testable import GraphCore

/// A fresh directory under the system temporary directory, removed by `withTemporaryDirectory`.
struct TemporaryDirectory {
  let url: URL

  var path: String { url.path }

  /// The path of `name` inside the directory.
  func path(_ name: String) -> String { url.appendingPathComponent(name).path }

  /// Writes `text` (UTF-8) to `name` and returns its path.
  @discardableResult
  func write(_ name: String, _ text: String) throws -> String {
    let path = path(name)
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    return path
  }

  /// Writes raw bytes to `name` and returns its path.
  @discardableResult
  func write(_ name: String, bytes: [UInt8]) throws -> String {
    let path = path(name)
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    return path
  }

  /// The bytes of `name`.
  func bytes(_ name: String) throws -> [UInt8] {
    [UInt8](try Data(contentsOf: URL(fileURLWithPath: path(name))))
  }

  /// The text of `name`.
  func text(_ name: String) throws -> String {
    String(decoding: try bytes(name), as: UTF8.self)
  }

  /// The names in the directory (hidden files included), sorted.
  func listing() throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: path).sorted()
  }

  func exists(_ name: String) -> Bool { FileManager.default.fileExists(atPath: path(name)) }
}

/// Runs `body` with a fresh temporary directory and removes the directory afterwards.
func withTemporaryDirectory<R>(_ body: (TemporaryDirectory) throws -> R) throws -> R {
  let url = FileManager.default.temporaryDirectory
    .appendingPathComponent("graphcore-tests-\(UUID().uuidString)", isDirectory: true)
  try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  defer { try? FileManager.default.removeItem(at: url) }
  return try body(TemporaryDirectory(url: url))
}

/// Builds an edge list from `(source, target)` pairs.
func edgeList(
  _ nodeCount: Int, _ pairs: [(UInt32, UInt32)], weights: [Double]? = nil, types: [UInt8]? = nil
) -> EdgeList {
  EdgeList(
    nodeCount: nodeCount, sources: pairs.map(\.0), targets: pairs.map(\.1), weights: weights,
    edgeTypes: types)
}

/// Builds a graph from pairs with the given options (single-threaded unless told).
func build(
  _ nodeCount: Int, _ pairs: [(UInt32, UInt32)], weights: [Double]? = nil, types: [UInt8]? = nil,
  directed: Bool = false, selfLoops: SelfLoopPolicy = .drop, duplicates: DuplicateEdgePolicy = .keepLast,
  threads: Int = 1
) -> (graph: CSRGraph, report: BuildReport) {
  var list = edgeList(nodeCount, pairs, weights: weights, types: types)
  return try! CSRGraph.build(
    consuming: &list,
    options: BuildOptions(directed: directed, selfLoops: selfLoops, duplicates: duplicates, threads: threads))
}

/// The rows of a graph as arrays.
func rows(_ g: CSRGraph) -> [[UInt32]] {
  (0..<g.nodeCount).map { Array(g.neighbors(of: UInt32($0))) }
}

/// The edges of a labelled graph keyed by label text (undirected edges with the smaller
/// label text first), each with its weights (sorted), for comparisons that do not depend
/// on node ids.
func labelledEdges(_ lg: LabeledGraph) -> [String: [Double]] {
  var result: [String: [Double]] = [:]
  let g = lg.graph
  for u in 0..<UInt32(g.nodeCount) {
    let row = g.neighbors(of: u)
    let weights = g.neighborWeights(of: u)
    for (k, v) in zip(row.indices, row) {
      if !g.isDirected && v < u { continue }
      var a = lg.labels.label(of: u)
      var b = lg.labels.label(of: v)
      if !g.isDirected && b < a { swap(&a, &b) }
      let key = "\(a)→\(b)"
      result[key, default: []].append(weights.map { $0[k] } ?? -.infinity)
    }
  }
  return result.mapValues { $0.sorted { $0.bitPattern < $1.bitPattern } }
}
