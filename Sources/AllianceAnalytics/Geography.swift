import Foundation

/// Great-circle distances between capitals.
public enum Geography {
  /// Mean Earth radius in km.
  public static let earthRadius = 6371.0

  /// Haversine distance in km; NaN when a coordinate is unknown.
  @inlinable public static func distance(lat1: Double, lon1: Double, lat2: Double, lon2: Double) -> Double {
    guard lat1.isFinite, lon1.isFinite, lat2.isFinite, lon2.isFinite else { return .nan }
    let p1 = lat1 * .pi / 180, p2 = lat2 * .pi / 180
    let dp = p2 - p1, dl = (lon2 - lon1) * .pi / 180
    let h = sin(dp / 2) * sin(dp / 2) + cos(p1) * cos(p2) * sin(dl / 2) * sin(dl / 2)
    return 2 * earthRadius * asin(min(1, sqrt(h)))
  }
}
