import Foundation
import Testing

@testable import AllianceRender

/// The compiled-in basemap: it decodes to what the generator wrote, stays on the globe,
/// is cut at the dateline, and still shows a few places where they are.
@Suite struct BasemapTests {
  /// Planar distance in degrees from `p` to the nearest segment (or lone point) of `lines`.
  static func distance(from p: GeoPoint, to lines: [[GeoPoint]]) -> Double {
    var best = Double.infinity
    for line in lines {
      for (a, b) in zip(line, line.dropFirst()) {
        let dx = b.longitude - a.longitude, dy = b.latitude - a.latitude
        let length2 = dx * dx + dy * dy
        let t = length2 == 0 ? 0 : max(0, min(1, ((p.longitude - a.longitude) * dx + (p.latitude - a.latitude) * dy) / length2))
        best = min(best, hypot(p.longitude - a.longitude - t * dx, p.latitude - a.latitude - t * dy))
      }
    }
    return best
  }

  @Test func decodesToTheGeneratedCounts() {
    #expect(Basemap.coastlines.count == BasemapData.coastlinePolylineCount)
    #expect(Basemap.coastlines.map(\.count).reduce(0, +) == BasemapData.coastlinePointCount)
    #expect(Basemap.borders.count == BasemapData.borderPolylineCount)
    #expect(Basemap.borders.map(\.count).reduce(0, +) == BasemapData.borderPointCount)
    #expect(Basemap.coastlines.count > 100)
    #expect(!Basemap.borders.isEmpty)
    #expect((Basemap.coastlines + Basemap.borders).allSatisfy { $0.count >= 2 })
  }

  @Test func decodesTheEncoding() {
    #expect(Basemap.decode("").isEmpty)
    // (3.5, -1.2) = tenths (35, -12): zigzag 70, 23 → "eA", "V"; then deltas (+1, +1) → "A", "A".
    #expect(Basemap.decode("eAV;") == [[GeoPoint(longitude: 3.5, latitude: -1.2)]])
    #expect(
      Basemap.decode("eA\nVA\nA;eAV;")
        == [
          [GeoPoint(longitude: 3.5, latitude: -1.2), GeoPoint(longitude: 3.6, latitude: -1.1)],
          [GeoPoint(longitude: 3.5, latitude: -1.2)],
        ])
  }

  @Test func everyPointIsOnTheGlobe() {
    for line in Basemap.coastlines + Basemap.borders {
      for p in line {
        #expect((-180...180).contains(p.longitude) && (-90...90).contains(p.latitude), "\(p)")
      }
    }
  }

  @Test func noSegmentSpansTheMap() {
    var longest = 0.0
    for line in Basemap.coastlines + Basemap.borders {
      for (a, b) in zip(line, line.dropFirst()) {
        longest = max(longest, abs(b.longitude - a.longitude))
      }
    }
    #expect(longest <= 30, "longest segment spans \(longest)° of longitude")
  }

  @Test func polylinesCutAtTheDatelineMeetOnBothSides() {
    // Chukotka and Antarctica cross the 180th meridian: pieces end on both edges. (A closed
    // ring may merely touch the edge, as simplified Vanua Levu does.)
    let ends = Basemap.coastlines.filter { $0.first != $0.last }.flatMap { [$0.first!, $0.last!] }
    let east = ends.filter { $0.longitude == 180 }, west = ends.filter { $0.longitude == -180 }
    #expect(!east.isEmpty && !west.isEmpty)
    for p in east {
      #expect(west.contains { abs($0.latitude - p.latitude) < 0.15 }, "no western match for \(p)")
    }
    // Antarctica spans the whole width.
    let south = Basemap.coastlines.flatMap { $0 }.filter { $0.latitude < -60 }
    #expect(south.map(\.longitude).min() == -180 && south.map(\.longitude).max() == 180)
  }

  @Test(arguments: [
    ("Cape Town", GeoPoint(longitude: 18.4, latitude: -33.9)),
    ("Lisbon", GeoPoint(longitude: -9.2, latitude: 38.7)),
    ("New York", GeoPoint(longitude: -74.0, latitude: 40.6)),
    ("Sydney", GeoPoint(longitude: 151.2, latitude: -33.9)),
    ("Tokyo", GeoPoint(longitude: 139.8, latitude: 35.6)),
    ("Mumbai", GeoPoint(longitude: 72.8, latitude: 19.0)),
    ("Reykjavik", GeoPoint(longitude: -21.9, latitude: 64.1)),
  ])
  func coastlinePassesNear(_ place: String, _ p: GeoPoint) {
    let d = Self.distance(from: p, to: Basemap.coastlines)
    #expect(d <= 1, "\(place): nearest coastline \(d)° away")
  }

  @Test(arguments: [
    ("Sahara", GeoPoint(longitude: 15, latitude: 23)),
    ("Central Asia", GeoPoint(longitude: 75, latitude: 45)),
    ("mid-Atlantic", GeoPoint(longitude: -35, latitude: 30)),
    ("Amazonia", GeoPoint(longitude: -60, latitude: -8)),
  ])
  func noCoastlineNear(_ place: String, _ p: GeoPoint) {
    let d = Self.distance(from: p, to: Basemap.coastlines)
    #expect(d > 3, "\(place): a coastline \(d)° away")
  }

  @Test func bordersRunWhereTheyShould() {
    // The Pyrenees (France–Spain) and the 49th parallel (United States–Canada).
    #expect(Self.distance(from: GeoPoint(longitude: 0, latitude: 42.7), to: Basemap.borders) <= 1)
    #expect(Self.distance(from: GeoPoint(longitude: -110, latitude: 49), to: Basemap.borders) <= 0.5)
    // None in the open ocean.
    #expect(Self.distance(from: GeoPoint(longitude: -35, latitude: 30), to: Basemap.borders) > 5)
  }

  @Test func projectionMapsTheCornersAndTheCentre() {
    let (w, h) = (720.0, 360.0)
    let sw = Basemap.project(GeoPoint(longitude: -180, latitude: -90), width: w, height: h)
    let ne = Basemap.project(GeoPoint(longitude: 180, latitude: 90), width: w, height: h)
    let centre = Basemap.project(GeoPoint(longitude: 0, latitude: 0), width: w, height: h)
    #expect(sw.x == 0 && sw.y == 0)
    #expect(ne.x == w && ne.y == h)
    #expect(centre.x == w / 2 && centre.y == h / 2)
    // y grows northwards, x eastwards.
    let oslo = Basemap.project(GeoPoint(longitude: 10.75, latitude: 59.9), width: w, height: h)
    let capeTown = Basemap.project(GeoPoint(longitude: 18.4, latitude: -33.9), width: w, height: h)
    #expect(oslo.y > capeTown.y && oslo.x < capeTown.x)
  }

  @Test func attributionNamesTheSourceAndLicence() {
    #expect(Basemap.attribution.contains("GSHHG \(BasemapData.gshhgVersion)"))
    #expect(Basemap.attribution.contains("LGPL-3.0"))
    #expect(Basemap.attribution.contains("Wessel"))
  }

  @Test func decodingIsFast() {
    let clock = ContinuousClock()
    var points = 0
    let elapsed = clock.measure {
      points = (Basemap.decode(BasemapData.coastlines) + Basemap.decode(BasemapData.borders)).map(\.count).reduce(0, +)
    }
    #expect(points == BasemapData.coastlinePointCount + BasemapData.borderPointCount)
    print("Basemap: decoded \(points) points in \(elapsed)")
    // Well under 50 ms in a release build; a debug build gets room to spare.
    #expect(elapsed < .milliseconds(500), "\(elapsed)")
  }
}
