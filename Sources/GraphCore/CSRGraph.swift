/// A graph in compressed sparse row (CSR) form with dense `UInt32` node ids `0..<nodeCount`.
///
/// The neighbours of node `v` are `targets[offsets[v]..<offsets[v + 1]]`; the optional
/// `weights` and `edgeTypes` arrays run parallel to `targets`. An undirected graph stores
/// every edge `{u, v}` with `u != v` twice (as `u → v` and `v → u`) and a self-loop once.
///
/// Invariants (checked by ``checkInvariants()`` and by every loader; the builder,
/// ``transposed()`` and the other code that makes graphs check them in debug builds):
/// - `offsets.count == nodeCount + 1`, `offsets[0] == 0`, `offsets` is non-decreasing
///   and `offsets[nodeCount] == targets.count`;
/// - every target is `< nodeCount`;
/// - every row is sorted in non-decreasing order of target (strictly increasing when the
///   graph was built with a duplicate policy that merges duplicates);
/// - `weights` and `edgeTypes`, when present, have `targets.count` elements;
/// - an undirected graph is symmetric: `v` is in row `u` as often as `u` is in row `v`,
///   with the same weights and types;
/// - ``selfLoopCount`` is the number of entries `v` in rows `v`;
/// - `nodeCount` ≤ ``maximumNodeCount`` (2³¹ − 1, see `CSRGraph+Limits.swift`).
///
/// Node names and external codes live in a ``NodeLabelMap`` beside the graph (see
/// ``LabeledGraph``), never inside it.
public struct CSRGraph: Sendable, Equatable {
  /// Whether edges have a direction. Undirected graphs store both directions.
  public let isDirected: Bool
  /// Row starts: `nodeCount + 1` offsets into ``targets``.
  public private(set) var offsets: [Int]
  /// Neighbour ids, row after row.
  public private(set) var targets: [UInt32]
  /// Optional per-entry weights, parallel to ``targets``.
  public private(set) var weights: [Double]?
  /// Optional per-entry edge types (small integers chosen by the caller), parallel to ``targets``.
  public private(set) var edgeTypes: [UInt8]?
  /// The number of edges: undirected edges count once, a self-loop once; directed arcs once each.
  public let edgeCount: Int
  /// The number of self-loops among ``edgeCount``.
  public let selfLoopCount: Int

  /// The number of nodes.
  @inlinable public var nodeCount: Int { offsets.count - 1 }
  /// The number of stored adjacency entries (`2·edges − selfLoops` for undirected graphs).
  @inlinable public var entryCount: Int { targets.count }
  /// Whether per-edge weights are stored.
  @inlinable public var isWeighted: Bool { weights != nil }

  /// Creates a graph from CSR arrays without checking them: visible inside this package
  /// only, for code that derives arrays from a valid graph (and for tests that need a broken
  /// one). Everything else uses ``init(validating:targets:weights:edgeTypes:isDirected:)``.
  ///
  /// Callers must uphold the invariants listed on the type: kernels read the arrays through
  /// raw pointers, so a broken graph is undefined behaviour, not an error.
  /// - Complexity: O(n + m) to count self-loops and edges.
  package init(
    uncheckedOffsets offsets: [Int], targets: [UInt32], weights: [Double]? = nil,
    edgeTypes: [UInt8]? = nil, isDirected: Bool
  ) {
    precondition(!offsets.isEmpty, "offsets must hold nodeCount + 1 elements")
    self.offsets = offsets
    self.targets = targets
    self.weights = weights
    self.edgeTypes = edgeTypes
    self.isDirected = isDirected
    let loops = CSRGraph.countSelfLoops(offsets: offsets, targets: targets)
    self.selfLoopCount = loops
    self.edgeCount = isDirected ? targets.count : (targets.count - loops) / 2 + loops
  }

  /// Creates a graph from arrays whose self-loop count is already known (builders, loaders),
  /// without checking them.
  init(
    uncheckedOffsets offsets: [Int], targets: [UInt32], weights: [Double]?, edgeTypes: [UInt8]?,
    isDirected: Bool, selfLoopCount: Int
  ) {
    self.offsets = offsets
    self.targets = targets
    self.weights = weights
    self.edgeTypes = edgeTypes
    self.isDirected = isDirected
    self.selfLoopCount = selfLoopCount
    self.edgeCount = isDirected ? targets.count : (targets.count - selfLoopCount) / 2 + selfLoopCount
  }

  /// Creates a graph from CSR arrays after checking every invariant.
  /// - Throws: ``CSRInvariantError`` naming the first violated invariant.
  /// - Complexity: O(n + m).
  public init(
    validating offsets: [Int], targets: [UInt32], weights: [Double]? = nil,
    edgeTypes: [UInt8]? = nil, isDirected: Bool
  ) throws(CSRInvariantError) {
    guard !offsets.isEmpty else { throw CSRInvariantError("offsets is empty; it must hold nodeCount + 1 elements") }
    // Check with a provisional loop count first: counting reads rows, which needs valid offsets.
    let provisional = CSRGraph(
      uncheckedOffsets: offsets, targets: targets, weights: weights, edgeTypes: edgeTypes,
      isDirected: isDirected, selfLoopCount: 0)
    try provisional.checkInvariants(threads: 1, selfLoopCount: false)
    self = CSRGraph(
      uncheckedOffsets: offsets, targets: targets, weights: weights, edgeTypes: edgeTypes,
      isDirected: isDirected)
  }

  /// An empty graph with `nodeCount` isolated nodes.
  /// - Precondition: `0 ≤ nodeCount ≤` ``maximumNodeCount``.
  public init(isolatedNodes nodeCount: Int, isDirected: Bool = false) {
    precondition(nodeCount >= 0 && nodeCount <= CSRGraph.maximumNodeCount, "node count \(nodeCount) is outside 0...\(CSRGraph.maximumNodeCount)")
    self.init(
      uncheckedOffsets: [Int](repeating: 0, count: nodeCount + 1), targets: [], isDirected: isDirected)
  }

  /// The number of stored neighbours of `node` (out-degree for directed graphs; an
  /// undirected self-loop counts once here).
  /// - Complexity: O(1).
  @inlinable
  public func degree(of node: UInt32) -> Int {
    offsets[Int(node) + 1] - offsets[Int(node)]
  }

  /// The neighbours of `node`, in increasing id order.
  /// - Complexity: O(1) (a slice of the shared storage).
  @inlinable
  public func neighbors(of node: UInt32) -> ArraySlice<UInt32> {
    targets[offsets[Int(node)]..<offsets[Int(node) + 1]]
  }

  /// The weights of the edges to ``neighbors(of:)``, or `nil` for an unweighted graph.
  @inlinable
  public func neighborWeights(of node: UInt32) -> ArraySlice<Double>? {
    weights.map { $0[offsets[Int(node)]..<offsets[Int(node) + 1]] }
  }

  /// The bytes held by the CSR arrays (their element storage, not spare capacity).
  public var storageBytes: Int {
    offsets.count * MemoryLayout<Int>.stride + targets.count * MemoryLayout<UInt32>.stride
      + (weights?.count ?? 0) * MemoryLayout<Double>.stride + (edgeTypes?.count ?? 0)
  }

  static func countSelfLoops(offsets: [Int], targets: [UInt32]) -> Int {
    var loops = 0
    offsets.withUnsafeBufferPointer { off in
      targets.withUnsafeBufferPointer { tgt in
        let n = off.count - 1
        for v in 0..<n {
          var k = off[v]
          let end = min(off[v + 1], tgt.count)
          while k < end {
            if tgt[k] == UInt32(truncatingIfNeeded: v) { loops += 1 }
            k += 1
          }
        }
      }
    }
    return loops
  }
}

/// A violated ``CSRGraph`` invariant, found by ``CSRGraph/checkInvariants()``.
public struct CSRInvariantError: Error, CustomStringConvertible, Equatable {
  /// What is wrong, e.g. "offsets[3] = 7 is smaller than offsets[2] = 9".
  public let description: String
  public init(_ description: String) { self.description = description }
}
