import ArgumentParser
import Foundation
import GraphCore

/// Refuses work that cannot fit in this machine's memory, before allocating anything.
enum MemoryBudget {
  /// Peak bytes to build a CSR graph of `nodes` nodes from `edges` sampled edges (edge
  /// arrays, one bucket pass, the builder's per-part cursors and the final arrays).
  static func buildBytes(nodes: Int, edges: Double, threads: Int) -> Double {
    let parts = CSRGraph.builderParts(nodeCount: nodes, edgeCount: Int(min(edges, Double(Int.max / 4))), threads: threads)
    return Double(nodes + 1) * 8 * Double(2 + parts) + edges * 8 * 3
  }

  /// Throws a usage error when `bytes` exceed the physical memory.
  static func check(_ bytes: Double, what: String) throws {
    let available = Double(ProcessInfo.processInfo.physicalMemory)
    if bytes > available {
      throw ValidationError(
        "\(what) needs about \(format(bytes)) of memory; this machine has \(format(available))")
    }
  }

  static func format(_ bytes: Double) -> String {
    bytes >= 1_073_741_824 ? String(format: "%.1f GiB", bytes / 1_073_741_824) : String(format: "%.0f MiB", bytes / 1_048_576)
  }
}
