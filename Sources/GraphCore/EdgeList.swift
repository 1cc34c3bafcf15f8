/// A list of edges over dense node ids, the input of the CSR builder.
///
/// Edge `i` goes from `sources[i]` to `targets[i]`, with `weights?[i]` and `edgeTypes?[i]`.
/// Order matters only for duplicate edges (see ``DuplicateEdgePolicy``).
public struct EdgeList: Sendable, Equatable {
  /// The number of nodes; every endpoint must be `< nodeCount`.
  public var nodeCount: Int
  /// Edge tails.
  public var sources: [UInt32]
  /// Edge heads.
  public var targets: [UInt32]
  /// Optional weights, one per edge.
  public var weights: [Double]?
  /// Optional edge types, one per edge.
  public var edgeTypes: [UInt8]?

  /// Creates an edge list; arrays must have equal lengths.
  public init(
    nodeCount: Int, sources: [UInt32] = [], targets: [UInt32] = [], weights: [Double]? = nil,
    edgeTypes: [UInt8]? = nil
  ) {
    precondition(sources.count == targets.count, "sources and targets differ in length")
    precondition(weights == nil || weights!.count == sources.count, "weights differ in length")
    precondition(edgeTypes == nil || edgeTypes!.count == sources.count, "edgeTypes differ in length")
    self.nodeCount = nodeCount
    self.sources = sources
    self.targets = targets
    self.weights = weights
    self.edgeTypes = edgeTypes
  }

  /// The number of edges in the list.
  @inlinable public var count: Int { sources.count }

  /// Appends one edge. Weights and types must be given exactly when the list has them.
  public mutating func append(_ source: UInt32, _ target: UInt32, weight: Double? = nil, type: UInt8? = nil) {
    sources.append(source)
    targets.append(target)
    if weights != nil {
      precondition(weight != nil, "this edge list is weighted: give a weight")
      weights!.append(weight!)
    }
    if edgeTypes != nil {
      precondition(type != nil, "this edge list is typed: give a type")
      edgeTypes!.append(type!)
    }
  }

  /// Reserves room for `count` edges.
  public mutating func reserveCapacity(_ count: Int) {
    sources.reserveCapacity(count)
    targets.reserveCapacity(count)
    weights?.reserveCapacity(count)
    edgeTypes?.reserveCapacity(count)
  }
}

/// What the CSR builder does with self-loops.
public enum SelfLoopPolicy: Sendable, Equatable {
  /// Keep them (an undirected self-loop is stored once in its row).
  case keep
  /// Remove them and count how many were removed.
  case drop
}

/// What the CSR builder does with repeated edges (the same ordered pair for directed
/// graphs, the same unordered pair for undirected ones).
public enum DuplicateEdgePolicy: Sendable, Equatable {
  /// Keep every copy (a multigraph).
  case keepAll
  /// Keep one edge; its weight and type are those of the last copy in input order
  /// (as networkx does when an edge is added again).
  case keepLast
  /// Keep one edge whose weight is the sum of the copies' weights (1 per copy when the
  /// list is unweighted, so the weight becomes the multiplicity); the type is the last copy's.
  case sumWeights
}

/// Options for building a ``CSRGraph`` from an ``EdgeList``.
public struct BuildOptions: Sendable, Equatable {
  /// Whether the graph is directed.
  public var directed: Bool
  /// Self-loop policy.
  public var selfLoops: SelfLoopPolicy
  /// Duplicate-edge policy.
  public var duplicates: DuplicateEdgePolicy
  /// Threads to use; the result is the same for every value.
  public var threads: Int
  /// Bytes the builder may spend on per-part cursors; `nil` for the default budget (see
  /// ``CSRGraph/builderParts(nodeCount:edgeCount:threads:cursorBudget:)``).
  package var cursorBudget: Int?
  /// A number of parts that overrides the builder's choice (tests: small lists, many parts).
  package var parts: Int?

  /// Creates options; the defaults build a simple undirected graph as networkx `Graph` does
  /// (self-loops dropped here, duplicates collapsed keeping the last weight).
  public init(
    directed: Bool = false, selfLoops: SelfLoopPolicy = .drop,
    duplicates: DuplicateEdgePolicy = .keepLast, threads: Int = Parallel.availableCores
  ) {
    self.directed = directed
    self.selfLoops = selfLoops
    self.duplicates = duplicates
    self.threads = threads
  }
}

/// What the builder removed.
public struct BuildReport: Sendable, Equatable {
  /// Self-loops removed under ``SelfLoopPolicy/drop``.
  public var selfLoopsRemoved: Int = 0
  /// Duplicate edges merged away (counted as edges, not adjacency entries).
  public var duplicatesRemoved: Int = 0
  public init(selfLoopsRemoved: Int = 0, duplicatesRemoved: Int = 0) {
    self.selfLoopsRemoved = selfLoopsRemoved
    self.duplicatesRemoved = duplicatesRemoved
  }
}
