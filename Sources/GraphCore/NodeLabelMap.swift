/// The external labels of a graph's nodes, beside the dense ids `0..<count`.
///
/// Three storages cover the inputs: the identity (label `i` is id `i`, no memory), a list
/// of integer labels, and a list of string labels. Lookups from label to id are O(1) for
/// the identity and strings (a dictionary built at creation) and O(log n) for integer
/// labels, which are kept in increasing order when read from an edge list.
public struct NodeLabelMap: Sendable, Equatable {
  /// How labels are stored.
  public enum Storage: Sendable, Equatable {
    /// Label `i` is node `i`.
    case identity(count: Int)
    /// `labels[id]` is the integer label of node `id`.
    case integers([Int64])
    /// `labels[id]` is the string label of node `id`.
    case strings([String])
  }

  /// The labels.
  public let storage: Storage
  private let integerIndex: [Int64: UInt32]?
  private let integersSorted: Bool
  private let stringIndex: [String: UInt32]

  /// The identity map for `count` nodes.
  public init(identity count: Int) {
    storage = .identity(count: count)
    integerIndex = nil
    integersSorted = true
    stringIndex = [:]
  }

  /// A map from integer labels; labels must be distinct.
  /// - Complexity: O(n), plus O(n) hashing when the labels are not increasing.
  public init(integers labels: [Int64]) {
    storage = .integers(labels)
    var sorted = true
    for i in labels.indices.dropFirst() where labels[i - 1] >= labels[i] {
      sorted = false
      break
    }
    integersSorted = sorted
    if sorted {
      integerIndex = nil
    } else {
      var index = [Int64: UInt32](minimumCapacity: labels.count)
      for (id, label) in labels.enumerated() {
        precondition(index.updateValue(UInt32(id), forKey: label) == nil, "duplicate label \(label)")
      }
      integerIndex = index
    }
    stringIndex = [:]
  }

  /// A map from string labels; labels must be distinct.
  /// - Complexity: O(n) hashing.
  public init(strings labels: [String]) {
    storage = .strings(labels)
    var index = [String: UInt32](minimumCapacity: labels.count)
    for (id, label) in labels.enumerated() {
      precondition(index.updateValue(UInt32(id), forKey: label) == nil, "duplicate label \(label)")
    }
    stringIndex = index
    integerIndex = nil
    integersSorted = true
  }

  /// The number of labelled nodes.
  public var count: Int {
    switch storage {
    case .identity(let count): return count
    case .integers(let labels): return labels.count
    case .strings(let labels): return labels.count
    }
  }

  /// Whether labels are integers (identity or integer list).
  public var isInteger: Bool {
    if case .strings = storage { return false }
    return true
  }

  /// The label of node `id` as text.
  /// - Complexity: O(1).
  public func label(of id: UInt32) -> String {
    switch storage {
    case .identity: return String(id)
    case .integers(let labels): return String(labels[Int(id)])
    case .strings(let labels): return labels[Int(id)]
    }
  }

  /// The integer label of node `id`, or `nil` for string labels.
  public func integerLabel(of id: UInt32) -> Int64? {
    switch storage {
    case .identity: return Int64(id)
    case .integers(let labels): return labels[Int(id)]
    case .strings: return nil
    }
  }

  /// The node whose label is `text`, or `nil` when there is none.
  /// - Complexity: O(1) for identity and string labels, O(log n) for integer labels.
  public func id(of text: String) -> UInt32? {
    switch storage {
    case .identity(let count):
      guard let value = Int64(text), value >= 0, value < count else { return nil }
      return UInt32(value)
    case .integers(let labels):
      guard let value = Int64(text) else { return nil }
      if let integerIndex { return integerIndex[value] }
      var lo = 0
      var hi = labels.count
      while lo < hi {
        let mid = (lo + hi) / 2
        if labels[mid] < value { lo = mid + 1 } else { hi = mid }
      }
      return lo < labels.count && labels[lo] == value ? UInt32(lo) : nil
    case .strings:
      return stringIndex[text]
    }
  }

  public static func == (a: NodeLabelMap, b: NodeLabelMap) -> Bool { a.storage == b.storage }
}

/// A graph together with the labels of its nodes.
public struct LabeledGraph: Sendable, Equatable {
  /// The CSR graph over dense ids.
  public var graph: CSRGraph
  /// The external label of each node.
  public var labels: NodeLabelMap

  /// Pairs a graph with labels; `labels.count` must equal `graph.nodeCount`.
  public init(graph: CSRGraph, labels: NodeLabelMap) {
    precondition(graph.nodeCount == labels.count, "label count \(labels.count) ≠ node count \(graph.nodeCount)")
    self.graph = graph
    self.labels = labels
  }

  /// A graph whose labels are its ids.
  public init(graph: CSRGraph) {
    self.init(graph: graph, labels: NodeLabelMap(identity: graph.nodeCount))
  }
}

extension NodeLabelMap {
  /// Integer labels read from untrusted input; `nil` when two labels are equal.
  static func validated(integers labels: [Int64]) -> NodeLabelMap? {
    var sorted = true
    for i in labels.indices.dropFirst() where labels[i - 1] >= labels[i] {
      sorted = false
      break
    }
    if !sorted && Set(labels).count != labels.count { return nil }
    return NodeLabelMap(integers: labels)
  }

  /// String labels read from untrusted input; `nil` when two labels are equal.
  static func validated(strings labels: [String]) -> NodeLabelMap? {
    Set(labels).count == labels.count ? NodeLabelMap(strings: labels) : nil
  }
}
