/// The size limits of ``CSRGraph`` and of its builder.
///
/// Node ids are `UInt32`, but the kernels keep per-node parents, discovery times and link
/// indices as signed 32-bit integers with −1 for "none", as GAPBS does. A graph therefore has
/// at most `Int32.max` = 2³¹ − 1 = 2,147,483,647 nodes: every id then converts to `Int32`
/// without trapping, and no id reads as the −1 sentinel. The builder and every loader check
/// the limit before allocating anything and report it as an error; the generators state it
/// as a precondition (the command line checks their arguments first).
extension CSRGraph {
  /// The largest node count a graph may have: `Int32.max` (2³¹ − 1).
  public static let maximumNodeCount = Int(Int32.max)

  /// The node-count limit in force: ``maximumNodeCount``, unless a test lowers it for the
  /// current task (a real graph near 2³¹ nodes does not fit in a test machine's memory).
  @TaskLocal package static var nodeCountLimit = maximumNodeCount

  /// Checks that a graph of `nodeCount` nodes may be built.
  /// - Throws: ``GraphSizeError`` when `nodeCount` is negative or above the limit.
  /// - Complexity: O(1).
  public static func checkNodeCount(_ nodeCount: Int) throws(GraphSizeError) {
    let limit = nodeCountLimit
    guard nodeCount >= 0 && nodeCount <= limit else { throw GraphSizeError(nodeCount: nodeCount, limit: limit) }
  }

  /// The least memory the builder may spend on its per-part write cursors (256 MiB).
  public static let minimumCursorBudget = 256 << 20

  /// The number of parts ``build(consuming:options:)`` splits its passes into: one per
  /// thread, at most one per 65,536 edges, and no more than the cursor budget allows.
  ///
  /// Each part keeps one 8-byte cursor per node, so the cursors take `8 · n · parts` bytes.
  /// Their budget is a quarter of the edge list's own `8 · m` bytes, and at least
  /// ``minimumCursorBudget``: large graphs of many nodes are built with fewer parts
  /// (n = 10⁸ with 10⁹ edges: 2 parts, 1.6 GB of cursors, instead of 12.8 GB on 16 threads).
  /// The graph built does not depend on the number of parts.
  /// - Parameter cursorBudget: bytes allowed for the cursors; the default budget when `nil`.
  /// - Complexity: O(1).
  public static func builderParts(nodeCount: Int, edgeCount: Int, threads: Int, cursorBudget: Int? = nil) -> Int {
    let budget = cursorBudget ?? max(minimumCursorBudget, edgeCount.multipliedReportingOverflow(by: 2).partialValue)
    let byMemory = budget / max(1, 8 * max(nodeCount, 1))
    return max(1, min(threads, edgeCount / 65_536 + 1, byMemory))
  }
}

/// A graph too large for ``CSRGraph``: more nodes than ``CSRGraph/maximumNodeCount``.
public struct GraphSizeError: Error, Equatable, CustomStringConvertible, Sendable {
  /// The node count asked for.
  public let nodeCount: Int
  /// The limit in force.
  public let limit: Int

  public init(nodeCount: Int, limit: Int) {
    self.nodeCount = nodeCount
    self.limit = limit
  }

  public var description: String {
    if nodeCount < 0 { return "node count \(nodeCount) is negative" }
    return "\(nodeCount) nodes are more than a graph may have (at most \(limit): kernels keep node ids in signed 32-bit integers)"
  }
}
