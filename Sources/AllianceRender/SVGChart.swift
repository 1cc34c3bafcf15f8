import Foundation

/// Line charts as inline SVG (no scripts, no external references).
public enum SVGChart {
  /// One named series of (x, y) points; NaN and infinite y values leave gaps.
  public struct Series: Sendable {
    public var name: String
    public var points: [(x: Double, y: Double)]
    public init(name: String, points: [(x: Double, y: Double)]) {
      self.name = name
      self.points = points
    }
  }

  static let colors = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b"]

  /// A line chart with axes, ticks, gridlines and a legend. O(points).
  public static func line(title: String, yLabel: String, series: [Series], width: Double = 560, height: Double = 240) -> String {
    let left = 64.0, right = 16.0, top = 28.0, bottom = 44.0
    let plotW = width - left - right, plotH = height - top - bottom
    let all = series.flatMap(\.points).filter { $0.y.isFinite && $0.x.isFinite }
    var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 \(f(width)) \(f(height))\" width=\"\(f(width))\" height=\"\(f(height))\" role=\"img\" aria-label=\"\(escape(title))\">"
    svg += "<text x=\"\(f(left))\" y=\"16\" font-size=\"13\" font-weight=\"bold\">\(escape(title))</text>"
    guard let minX = all.map(\.x).min(), let maxX = all.map(\.x).max(), var minY = all.map(\.y).min(), var maxY = all.map(\.y).max() else {
      return svg + "<text x=\"\(f(left))\" y=\"\(f(top + plotH / 2))\" font-size=\"12\">no data</text></svg>"
    }
    minY = min(minY, 0)
    if maxY == minY { maxY = minY + 1 }
    let spanX = maxX > minX ? maxX - minX : 1
    func px(_ x: Double) -> Double { left + (x - minX) / spanX * plotW }
    func py(_ y: Double) -> Double { top + plotH - (y - minY) / (maxY - minY) * plotH }
    // Gridlines and y ticks.
    for tick in ticks(minY, maxY, count: 5) {
      svg += "<line x1=\"\(f(left))\" x2=\"\(f(left + plotW))\" y1=\"\(f(py(tick)))\" y2=\"\(f(py(tick)))\" stroke=\"#e0e0e0\"/>"
      svg += "<text x=\"\(f(left - 6))\" y=\"\(f(py(tick) + 4))\" font-size=\"11\" text-anchor=\"end\">\(label(tick))</text>"
    }
    for tick in ticks(minX, maxX, count: 8) {
      svg += "<line x1=\"\(f(px(tick)))\" x2=\"\(f(px(tick)))\" y1=\"\(f(top + plotH))\" y2=\"\(f(top + plotH + 4))\" stroke=\"#616161\"/>"
      svg += "<text x=\"\(f(px(tick)))\" y=\"\(f(top + plotH + 17))\" font-size=\"11\" text-anchor=\"middle\">\(label(tick))</text>"
    }
    svg += "<line x1=\"\(f(left))\" x2=\"\(f(left + plotW))\" y1=\"\(f(top + plotH))\" y2=\"\(f(top + plotH))\" stroke=\"#616161\"/>"
    svg += "<line x1=\"\(f(left))\" x2=\"\(f(left))\" y1=\"\(f(top))\" y2=\"\(f(top + plotH))\" stroke=\"#616161\"/>"
    svg += "<text transform=\"translate(14 \(f(top + plotH / 2))) rotate(-90)\" font-size=\"11\" text-anchor=\"middle\">\(escape(yLabel))</text>"
    for (index, s) in series.enumerated() {
      let color = colors[index % colors.count]
      var path = ""
      var pen = false
      for point in s.points.sorted(by: { $0.x < $1.x }) {
        guard point.y.isFinite else { pen = false; continue }
        path += "\(pen ? "L" : "M")\(f(px(point.x))),\(f(py(point.y))) "
        pen = true
      }
      svg += "<path class=\"series\" d=\"\(path)\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"2\"><title>\(escape(s.name))</title></path>"
      let legendX = left + 8 + Double(index) * 170
      svg += "<rect x=\"\(f(legendX))\" y=\"\(f(height - 14))\" width=\"12\" height=\"4\" fill=\"\(color)\"/><text x=\"\(f(legendX + 16))\" y=\"\(f(height - 9))\" font-size=\"11\">\(escape(s.name))</text>"
    }
    return svg + "</svg>"
  }

  /// About `count` round tick values covering [low, high].
  static func ticks(_ low: Double, _ high: Double, count: Int) -> [Double] {
    guard high > low else { return [low] }
    let raw = (high - low) / Double(count)
    let magnitude = pow(10, floor(log10(raw)))
    let step = [1.0, 2, 2.5, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? raw
    var tick = ceil(low / step) * step
    var result: [Double] = []
    while tick <= high + step * 1e-9 {
      result.append(tick)
      tick += step
    }
    return result
  }

  static func label(_ v: Double) -> String {
    if v == v.rounded() && abs(v) < 1e6 { return String(Int(v)) }
    return String(format: "%.3g", v)
  }

  static func f(_ v: Double) -> String { String(format: "%.1f", v) }

  static func escape(_ text: String) -> String {
    text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
      .replacingOccurrences(of: "\"", with: "&quot;")
  }
}
