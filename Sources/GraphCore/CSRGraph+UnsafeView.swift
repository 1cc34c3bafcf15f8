/// A read-only view of a ``CSRGraph``'s arrays through raw pointers, for hot loops.
///
/// Valid only inside the closure passed to ``CSRGraph/withUnsafeView(_:)``. Accessors do
/// no bounds checks beyond those stated; node ids must be `< nodeCount`.
@frozen
public struct UnsafeCSRView {
  /// `nodeCount + 1` row offsets.
  public let offsets: UnsafeBufferPointer<Int>
  /// All neighbour ids, row after row.
  public let targets: UnsafeBufferPointer<UInt32>
  /// Per-entry weights, if the graph is weighted.
  public let weights: UnsafeBufferPointer<Double>?
  /// Per-entry edge types, if stored.
  public let edgeTypes: UnsafeBufferPointer<UInt8>?

  @inlinable
  init(
    offsets: UnsafeBufferPointer<Int>, targets: UnsafeBufferPointer<UInt32>,
    weights: UnsafeBufferPointer<Double>?, edgeTypes: UnsafeBufferPointer<UInt8>?
  ) {
    self.offsets = offsets
    self.targets = targets
    self.weights = weights
    self.edgeTypes = edgeTypes
  }

  /// The number of nodes.
  @inlinable public var nodeCount: Int { offsets.count - 1 }

  /// The neighbours of `node` as a buffer slice of the shared storage.
  /// - Complexity: O(1).
  @inlinable
  public func neighbors(of node: UInt32) -> UnsafeBufferPointer<UInt32> {
    let start = offsets[Int(node)]
    let end = offsets[Int(node) + 1]
    return UnsafeBufferPointer(rebasing: targets[start..<end])
  }

  /// The weights parallel to ``neighbors(of:)``; `nil` for an unweighted graph.
  @inlinable
  public func neighborWeights(of node: UInt32) -> UnsafeBufferPointer<Double>? {
    guard let weights else { return nil }
    let start = offsets[Int(node)]
    let end = offsets[Int(node) + 1]
    return UnsafeBufferPointer(rebasing: weights[start..<end])
  }

  /// The stored degree of `node`.
  @inlinable
  public func degree(of node: UInt32) -> Int { offsets[Int(node) + 1] - offsets[Int(node)] }
}

extension UnsafeCSRView: @unchecked Sendable {}

extension CSRGraph {
  /// Calls `body` with raw-pointer access to the CSR arrays.
  ///
  /// The view must not escape `body`. Use it for loops over neighbours, where it
  /// compiles to plain pointer arithmetic.
  @inlinable
  public func withUnsafeView<R>(_ body: (UnsafeCSRView) throws -> R) rethrows -> R {
    try offsets.withUnsafeBufferPointer { off in
      try targets.withUnsafeBufferPointer { tgt in
        try withOptionalBuffer(weights) { w in
          try withOptionalBuffer(edgeTypes) { types in
            try body(UnsafeCSRView(offsets: off, targets: tgt, weights: w, edgeTypes: types))
          }
        }
      }
    }
  }
}

@inlinable
func withOptionalBuffer<T, R>(
  _ array: [T]?, _ body: (UnsafeBufferPointer<T>?) throws -> R
) rethrows -> R {
  if let array { return try array.withUnsafeBufferPointer { try body($0) } }
  return try body(nil)
}
