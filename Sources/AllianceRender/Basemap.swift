/// A point on the globe in degrees (WGS 84 longitude and latitude).
public struct GeoPoint: Sendable, Equatable {
  /// Degrees east, in [-180, 180].
  public var longitude: Double
  /// Degrees north, in [-90, 90].
  public var latitude: Double

  public init(longitude: Double, latitude: Double) {
    self.longitude = longitude
    self.latitude = latitude
  }
}

/// A small world basemap for the geographic diagrams: coastlines and national borders,
/// compiled into the library (no file is read at run time).
///
/// The data is GSHHG's low resolution (Wessel and Smith; LGPL-3.0, see
/// LICENSES/GSHHG-LGPL-3.0.txt and NOTICE), simplified by scripts/basemap/build_basemap.py:
/// Douglas-Peucker at `BasemapData.tolerance` degrees, islands smaller than
/// `BasemapData.minimumExtent` degrees dropped, quantised to 0.1 degree. Polylines that
/// crossed the 180th meridian are cut there, so no segment spans the map; closed rings
/// repeat their first point at the end. Show `attribution` wherever the map is shown.
public enum Basemap {
  /// Shorelines between land and ocean (GSHHG level 1; Antarctica by its ice front), as
  /// polylines of at least two points. Decoded on first use, once, thread-safely:
  /// O(points), a few thousand points.
  public static let coastlines: [[GeoPoint]] = decode(BasemapData.coastlines)

  /// National borders (GSHHG's WDBII borders of level 1), as polylines of at least two
  /// points; empty if the source had none. Decoded on first use, once: O(points), under
  /// two thousand points.
  public static let borders: [[GeoPoint]] = decode(BasemapData.borders)

  /// The credit line the licence asks for, e.g. under a map.
  public static let attribution =
    "Coastlines and borders: GSHHG \(BasemapData.gshhgVersion) (Wessel & Smith), LGPL-3.0, simplified"

  /// The equirectangular projection of the diagrams onto a `width` × `height` canvas in
  /// Graphviz points: x = (lon + 180) / 360 · width, y = (lat + 90) / 180 · height, so
  /// (-180, -90) maps to (0, 0), (180, 90) to (width, height), and y grows northwards. O(1).
  public static func project(_ p: GeoPoint, width: Double, height: Double) -> (x: Double, y: Double) {
    ((p.longitude + 180) / 360 * width, (p.latitude + 90) / 180 * height)
  }

  /// Decodes one of `BasemapData`'s strings: Google's polyline encoding of deltas of
  /// tenths of a degree, longitude then latitude, each polyline starting from (0, 0) and
  /// closed by `;`; bytes outside the alphabet (newlines) are skipped. O(length of `data`).
  static func decode(_ data: String) -> [[GeoPoint]] {
    var polylines: [[GeoPoint]] = []
    var line: [GeoPoint] = []
    var accumulator = 0, shift = 0
    var longitude = 0, latitude = 0, pending = 0, havePending = false
    for byte in data.utf8 {
      switch byte {
      case 63...126:
        let chunk = Int(byte) - 63
        accumulator |= (chunk & 0x1F) << shift
        if chunk & 0x20 != 0 {
          shift += 5
          continue
        }
        let delta = (accumulator >> 1) ^ -(accumulator & 1)
        accumulator = 0
        shift = 0
        if havePending {
          longitude += pending
          latitude += delta
          line.append(GeoPoint(longitude: Double(longitude) / 10, latitude: Double(latitude) / 10))
        } else {
          pending = delta
        }
        havePending.toggle()
      case UInt8(ascii: ";"):
        polylines.append(line)
        line = []
        line.reserveCapacity(64)
        longitude = 0
        latitude = 0
      default:
        continue
      }
    }
    return polylines
  }
}
