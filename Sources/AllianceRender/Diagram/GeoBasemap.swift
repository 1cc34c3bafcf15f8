/// The basemap of the geographic view as DOT: each coastline and border polyline becomes an
/// edge with a fixed spline (drawn as is by `nop2`), between two invisible corner nodes that
/// also pin the map's extent. In SVG each polyline is a `<path>` in a group of class
/// `basemap` (`coast` or `border`), drawn before every other edge and node.
enum GeoBasemap {
  /// The DOT lines of the basemap for a `width` × `height` equirectangular map.
  /// - Complexity: O(points of the basemap).
  /// Points below `bottom` (south of 60° S: Antarctica) are left out.
  static func dot(width: Double, height: Double, bottom: Double) -> String {
    var dot = "  \"M:sw\" [id=\"map_sw\", class=\"basemap\", shape=point, style=invis, width=0.01, height=0.01, pos=\"\(AllianceDiagram.point(0, bottom))!\"];\n"
    dot += "  \"M:ne\" [id=\"map_ne\", class=\"basemap\", shape=point, style=invis, width=0.01, height=0.01, pos=\"\(AllianceDiagram.point(width, height))!\"];\n"
    for (kind, lines, color) in [("coast", Basemap.coastlines, "#90a4ae"), ("border", Basemap.borders, "#cfd8dc")] {
      for line in lines where line.count >= 2 {
        // Runs of points on the map (a polyline leaving it is split, not joined across).
        var runs: [[(x: Double, y: Double)]] = [[]]
        for p in line {
          let q = Basemap.project(p, width: width, height: height)
          if q.y >= bottom { runs[runs.count - 1].append(q) } else if !runs[runs.count - 1].isEmpty { runs.append([]) }
        }
        for points in runs where points.count >= 2 {
          // A polyline as a cubic B-spline: p0, then (p_i, p_{i+1}, p_{i+1}) per segment.
          var pos = AllianceDiagram.point(points[0].x, points[0].y)
          pos.reserveCapacity(points.count * 30)
          for k in 1..<points.count {
            let a = AllianceDiagram.point(points[k - 1].x, points[k - 1].y), b = AllianceDiagram.point(points[k].x, points[k].y)
            pos += " \(a) \(b) \(b)"
          }
          dot += "  \"M:sw\" -- \"M:ne\" [class=\"basemap \(kind)\", color=\"\(color)\", penwidth=\(kind == "coast" ? "0.7" : "0.5"), pos=\"\(pos)\"];\n"
        }
      }
    }
    return dot
  }
}
