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
    var svg = header(title, width: width, height: height, left: left)
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

  /// One bar: a label, a value and an optional interval drawn as a whisker.
  public struct Bar: Sendable {
    public var label: String
    public var value: Double
    public var low: Double
    public var high: Double
    public init(label: String, value: Double, low: Double = .nan, high: Double = .nan) {
      self.label = label
      self.value = value
      self.low = low
      self.high = high
    }
  }

  /// A bar chart from 0 (or from `reference`, drawn as a dashed line, e.g. an odds ratio of
  /// 1) with whiskers for intervals. O(bars).
  public static func bars(title: String, yLabel: String, bars: [Bar], reference: Double? = nil, width: Double = 560, height: Double = 240) -> String {
    let left = 64.0, right = 16.0, top = 28.0, bottom = 44.0
    let plotW = width - left - right, plotH = height - top - bottom
    var svg = header(title, width: width, height: height, left: left)
    let values = bars.flatMap { [$0.value, $0.low, $0.high] }.filter(\.isFinite) + [0] + (reference.map { [$0] } ?? [])
    guard !bars.isEmpty, var maxY = values.max() else { return svg + "</svg>" }
    let minY = 0.0
    if maxY <= minY { maxY = minY + 1 }
    func py(_ y: Double) -> Double { top + plotH - (y - minY) / (maxY - minY) * plotH }
    for tick in ticks(minY, maxY, count: 5) {
      svg += "<line x1=\"\(f(left))\" x2=\"\(f(left + plotW))\" y1=\"\(f(py(tick)))\" y2=\"\(f(py(tick)))\" stroke=\"#e0e0e0\"/>"
      svg += "<text x=\"\(f(left - 6))\" y=\"\(f(py(tick) + 4))\" font-size=\"11\" text-anchor=\"end\">\(label(tick))</text>"
    }
    let slot = plotW / Double(bars.count), barW = slot * 0.6
    for (index, bar) in bars.enumerated() {
      let x = left + slot * Double(index) + (slot - barW) / 2
      if bar.value.isFinite {
        svg += "<rect class=\"bar\" x=\"\(f(x))\" y=\"\(f(py(bar.value)))\" width=\"\(f(barW))\" height=\"\(f(py(minY) - py(bar.value)))\" fill=\"\(colors[0])\"><title>\(escape(bar.label)): \(label(bar.value))</title></rect>"
      }
      if bar.low.isFinite && bar.high.isFinite {
        let cx = x + barW / 2
        svg += "<line x1=\"\(f(cx))\" x2=\"\(f(cx))\" y1=\"\(f(py(bar.low)))\" y2=\"\(f(py(bar.high)))\" stroke=\"#212121\" stroke-width=\"1.5\"/>"
        for y in [bar.low, bar.high] {
          svg += "<line x1=\"\(f(cx - 6))\" x2=\"\(f(cx + 6))\" y1=\"\(f(py(y)))\" y2=\"\(f(py(y)))\" stroke=\"#212121\" stroke-width=\"1.5\"/>"
        }
      }
      svg += "<text x=\"\(f(x + barW / 2))\" y=\"\(f(top + plotH + 17))\" font-size=\"11\" text-anchor=\"middle\">\(escape(bar.label))</text>"
    }
    if let reference {
      svg += "<line x1=\"\(f(left))\" x2=\"\(f(left + plotW))\" y1=\"\(f(py(reference)))\" y2=\"\(f(py(reference)))\" stroke=\"#d62728\" stroke-dasharray=\"4 3\"/>"
    }
    svg += "<line x1=\"\(f(left))\" x2=\"\(f(left + plotW))\" y1=\"\(f(top + plotH))\" y2=\"\(f(top + plotH))\" stroke=\"#616161\"/>"
    svg += "<text transform=\"translate(14 \(f(top + plotH / 2))) rotate(-90)\" font-size=\"11\" text-anchor=\"middle\">\(escape(yLabel))</text>"
    return svg + "</svg>"
  }

  /// The opening tag and the title of a chart.
  static func header(_ title: String, width: Double, height: Double, left: Double) -> String {
    "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 \(f(width)) \(f(height))\" width=\"\(f(width))\" height=\"\(f(height))\" role=\"img\" aria-label=\"\(escape(title))\">"
      + "<text x=\"\(f(left))\" y=\"16\" font-size=\"13\" font-weight=\"bold\">\(escape(title))</text>"
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
