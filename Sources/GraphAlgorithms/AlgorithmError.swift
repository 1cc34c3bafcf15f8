/// A request an algorithm cannot honour: an invalid parameter, input it does not support
/// (negative weights for Dijkstra, self-loops for k-core), or an iteration that did not converge.
public struct AlgorithmError: Error, Equatable, CustomStringConvertible, Sendable {
  /// The algorithm, e.g. `pagerank`.
  public var algorithm: String
  /// What went wrong and what is expected instead.
  public var message: String

  public init(_ algorithm: String, _ message: String) {
    self.algorithm = algorithm
    self.message = message
  }

  public var description: String { "\(algorithm): \(message)" }
}
