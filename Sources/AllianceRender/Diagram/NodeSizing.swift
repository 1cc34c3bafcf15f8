import Foundation

/// Node sizes whose area is proportional to a metric: diameter d = d_max · √(v / v_max) for
/// positive finite values, at least `minimum`. Zero, negative and missing values get the
/// minimum and are marked (``isMarked(_:)``); they take no part in the proportionality, nor
/// do positive values small enough to be clamped to the minimum (``isProportional(_:)``).
public struct NodeSizing: Sendable {
  /// Diameter of the largest value, in points.
  public let maximumDiameter: Double
  /// Diameter of zero, missing and tiny values, in points.
  public let minimumDiameter: Double
  /// The largest positive finite value drawn (1 when there is none).
  public let maximumValue: Double

  public init(values: [Double], maximumDiameter: Double, minimumDiameter: Double) {
    self.maximumDiameter = maximumDiameter
    self.minimumDiameter = minimumDiameter
    maximumValue = values.filter { $0.isFinite && $0 > 0 }.max() ?? 1
  }

  /// The diameter of `value` in points. O(1).
  public func diameter(_ value: Double) -> Double {
    guard !isMarked(value) else { return minimumDiameter }
    return max(minimumDiameter, maximumDiameter * (value / maximumValue).squareRoot())
  }

  /// Zero, negative or missing: drawn at the minimum with a dashed outline.
  public func isMarked(_ value: Double) -> Bool { !(value.isFinite && value > 0) }

  /// Whether the node's area is exactly proportional to `value` (not clamped, not marked).
  public func isProportional(_ value: Double) -> Bool {
    !isMarked(value) && maximumDiameter * (value / maximumValue).squareRoot() >= minimumDiameter
  }

  /// Two or three round reference values for the size legend, largest first: the largest
  /// value rounded down to 1, 2 or 5 × 10^k, then about a quarter and a sixteenth of it, those
  /// whose circles are above the minimum.
  public func references() -> [Double] {
    guard maximumValue > 0 else { return [] }
    var values: [Double] = []
    for fraction in [1.0, 0.25, 0.0625] {
      let value = Self.round(maximumValue * fraction)
      guard value > 0, !values.contains(value), isProportional(value), diameter(value) >= minimumDiameter * 1.5 || values.isEmpty else { continue }
      values.append(value)
    }
    return values
  }

  /// `value` rounded down to 1, 2 or 5 × 10^k.
  static func round(_ value: Double) -> Double {
    guard value > 0, value.isFinite else { return 0 }
    let magnitude = pow(10, floor(log10(value)))
    let leading = value / magnitude
    let step: Double = leading >= 5 ? 5 : leading >= 2 ? 2 : 1
    return step * magnitude
  }
}
