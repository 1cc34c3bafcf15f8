/// How well a fact in a dataset is established.
public enum Confidence: String, Sendable, CaseIterable {
  /// A treaty text or an official publication.
  case high
  /// A reputable secondary source.
  case medium
  /// Reported but not confirmed.
  case low
}

/// Where a fact comes from: source ids (see `sources.csv`) and how sure it is.
public struct Provenance: Sendable, Hashable {
  public var sources: [String]
  public var confidence: Confidence
  public init(sources: [String] = [], confidence: Confidence = .high) {
    self.sources = sources
    self.confidence = confidence
  }
}
