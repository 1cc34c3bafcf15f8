/// An inclusive span of years; `end == nil` means still in force.
public struct YearSpan: Sendable, Hashable, CustomStringConvertible {
  public var start: Int
  public var end: Int?

  public init(start: Int, end: Int? = nil) {
    self.start = start
    self.end = end
  }

  /// Whether `year` lies in the span.
  @inlinable public func contains(_ year: Int) -> Bool { year >= start && (end.map { year <= $0 } ?? true) }

  /// Whether the two spans share a year.
  public func overlaps(_ other: YearSpan) -> Bool {
    let endA = end ?? Int.max, endB = other.end ?? Int.max
    return start <= endB && other.start <= endA
  }

  /// `1949–` or `1949–1991`.
  public var description: String { "\(start)–\(end.map(String.init) ?? "")" }
}
