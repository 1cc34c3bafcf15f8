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

  static let colors = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"]
  /// Beyond the colours, series repeat them with these dash patterns.
  static let dashes = ["", "6 3", "2 2", "8 3 2 3"]

  /// The stroke attributes of series `index`: a colour, and past the palette a dash pattern.
  static func stroke(_ index: Int) -> (color: String, dash: String) {
    let dash = dashes[(index / colors.count) % dashes.count]
    return (colors[index % colors.count], dash.isEmpty ? "" : " stroke-dasharray=\"\(dash)\"")
  }

  /// A line chart with axes, ticks, gridlines and a legend (wrapped into more rows, and
  /// the chart made taller, when the series do not fit one row; more than ten series get a
  /// 100-unit taller plot). Whole-number x values
  /// (years) get whole-number ticks. O(points).
  public static func line(title: String, yLabel: String, series: [Series], width: Double = 560, height: Double = 240) -> String {
    let left = 64.0, right = 16.0, top = 28.0, bottom = 44.0
    // The legend: one row of 170-pixel slots, or compact slots in as many rows as needed.
    var slot = 170.0
    var perRow = max(1, Int((width - left - 8) / slot))
    if series.count > perRow {
      slot = min(170, (series.map { textWidth($0.name, size: 11) }.max() ?? 0) + 30)
      perRow = max(1, Int((width - left - 8) / slot))
    }
    let legendRows = max(1, (series.count + perRow - 1) / perRow)
    // Many lines need a taller plot.
    let height = series.count > 10 ? height + 100 : height
    let legendTop = height - 14
    let plotW = width - left - right, plotH = height - top - bottom
    let all = series.flatMap(\.points).filter { $0.y.isFinite && $0.x.isFinite }
    var svg = header(title, width: width, height: height + Double(legendRows - 1) * 16, left: left)
    guard let minX = all.map(\.x).min(), let maxX = all.map(\.x).max(), var minY = all.map(\.y).min(), var maxY = all.map(\.y).max() else {
      return svg + "<text x=\"\(f(left))\" y=\"\(f(top + plotH / 2))\" font-size=\"12\">no data</text></svg>"
    }
    minY = min(minY, 0)
    if maxY == minY { maxY = minY + 1 }
    // The top gridline at or above the highest value, so every value sits under a label.
    let yTicks = ticks(minY, maxY, count: 5)
    if yTicks.count > 1, let last = yTicks.last, last < maxY * (1 - 1e-12) { maxY = last + (yTicks[1] - yTicks[0]) }
    let spanX = maxX > minX ? maxX - minX : 1
    func px(_ x: Double) -> Double { left + (x - minX) / spanX * plotW }
    func py(_ y: Double) -> Double { top + plotH - (y - minY) / (maxY - minY) * plotH }
    // Gridlines and y ticks.
    for tick in ticks(minY, maxY, count: 5) {
      svg += "<line x1=\"\(f(left))\" x2=\"\(f(left + plotW))\" y1=\"\(f(py(tick)))\" y2=\"\(f(py(tick)))\" stroke=\"#e0e0e0\"/>"
      svg += "<text x=\"\(f(left - 6))\" y=\"\(f(py(tick) + 4))\" font-size=\"11\" text-anchor=\"end\">\(label(tick))</text>"
    }
    let wholeX = all.allSatisfy { $0.x == $0.x.rounded() }
    for tick in ticks(minX, maxX, count: 8) where !wholeX || tick == tick.rounded() {
      svg += "<line x1=\"\(f(px(tick)))\" x2=\"\(f(px(tick)))\" y1=\"\(f(top + plotH))\" y2=\"\(f(top + plotH + 4))\" stroke=\"#616161\"/>"
      svg += "<text x=\"\(f(px(tick)))\" y=\"\(f(top + plotH + 17))\" font-size=\"11\" text-anchor=\"middle\">\(label(tick))</text>"
    }
    svg += "<line x1=\"\(f(left))\" x2=\"\(f(left + plotW))\" y1=\"\(f(top + plotH))\" y2=\"\(f(top + plotH))\" stroke=\"#616161\"/>"
    svg += "<line x1=\"\(f(left))\" x2=\"\(f(left))\" y1=\"\(f(top))\" y2=\"\(f(top + plotH))\" stroke=\"#616161\"/>"
    svg += "<text transform=\"translate(14 \(f(top + plotH / 2))) rotate(-90)\" font-size=\"11\" text-anchor=\"middle\">\(escape(yLabel))</text>"
    for (index, s) in series.enumerated() {
      let (color, dash) = stroke(index)
      var path = ""
      var pen = false
      let finite = s.points.filter { $0.y.isFinite && $0.x.isFinite }
      for point in s.points.sorted(by: { $0.x < $1.x }) {
        guard point.y.isFinite else { pen = false; continue }
        path += "\(pen ? "L" : "M")\(f(px(point.x))),\(f(py(point.y))) "
        pen = true
      }
      svg += "<path class=\"series\" d=\"\(path)\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"2\"\(dash)><title>\(escape(s.name))</title></path>"
      // A single point draws no line: a dot shows it.
      if finite.count == 1 {
        svg += "<circle cx=\"\(f(px(finite[0].x)))\" cy=\"\(f(py(finite[0].y)))\" r=\"3\" fill=\"\(color)\"/>"
      }
      let legendX = left + 8 + Double(index % perRow) * slot, legendY = legendTop + Double(index / perRow) * 16
      if dash.isEmpty {
        svg += "<rect x=\"\(f(legendX))\" y=\"\(f(legendY))\" width=\"12\" height=\"4\" fill=\"\(color)\"/>"
      } else {
        svg += "<line x1=\"\(f(legendX))\" x2=\"\(f(legendX + 12))\" y1=\"\(f(legendY + 2))\" y2=\"\(f(legendY + 2))\" stroke=\"\(color)\" stroke-width=\"2\"\(dash)/>"
      }
      svg += "<text x=\"\(f(legendX + 16))\" y=\"\(f(legendY + 5))\" font-size=\"11\">\(escape(s.name))</text>"
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
    let yTicks = ticks(minY, maxY, count: 5)
    if yTicks.count > 1, let last = yTicks.last, last < maxY * (1 - 1e-12) { maxY = last + (yTicks[1] - yTicks[0]) }
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
      // A label wider than its slot goes on two lines.
      let lines = textWidth(bar.label, size: 11) > slot - 4 ? split(bar.label) : [bar.label]
      if lines.count == 1 {
        svg += "<text x=\"\(f(x + barW / 2))\" y=\"\(f(top + plotH + 17))\" font-size=\"11\" text-anchor=\"middle\">\(escape(bar.label))</text>"
      } else {
        svg += "<text x=\"\(f(x + barW / 2))\" y=\"\(f(top + plotH + 14))\" font-size=\"11\" text-anchor=\"middle\">"
          + lines.enumerated().map { "<tspan x=\"\(f(x + barW / 2))\" dy=\"\($0.offset == 0 ? "0" : "12")\">\(escape($0.element))</tspan>" }.joined() + "</text>"
      }
    }
    if let reference {
      svg += "<line x1=\"\(f(left))\" x2=\"\(f(left + plotW))\" y1=\"\(f(py(reference)))\" y2=\"\(f(py(reference)))\" stroke=\"#d62728\" stroke-dasharray=\"4 3\"/>"
    }
    svg += "<line x1=\"\(f(left))\" x2=\"\(f(left + plotW))\" y1=\"\(f(top + plotH))\" y2=\"\(f(top + plotH))\" stroke=\"#616161\"/>"
    svg += "<text transform=\"translate(14 \(f(top + plotH / 2))) rotate(-90)\" font-size=\"11\" text-anchor=\"middle\">\(escape(yLabel))</text>"
    return svg + "</svg>"
  }

  /// The opening tag and the title of a chart.
  /// A title wider than the chart gets a smaller font (down to 10) so it fits.
  static func header(_ title: String, width: Double, height: Double, left: Double) -> String {
    let room = width - left - 4, wide = textWidth(title, size: 13) * 1.15
    let size = wide > room ? String(format: "%.1f", max(10, 13 * room / wide)) : "13"
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 \(f(width)) \(f(height))\" width=\"\(f(width))\" height=\"\(f(height))\" role=\"img\" aria-label=\"\(escape(title))\">"
      + "<text x=\"\(f(left))\" y=\"16\" font-size=\"\(size)\" font-weight=\"bold\">\(escape(title))</text>"
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

  /// `text` in two lines, split at the space nearest its middle (one line without a space).
  static func split(_ text: String) -> [String] {
    let characters = Array(text)
    let spaces = characters.indices.filter { characters[$0] == " " }
    guard let cut = spaces.min(by: { abs($0 - characters.count / 2) < abs($1 - characters.count / 2) }) else { return [text] }
    return [String(characters[..<cut]), String(characters[(cut + 1)...])]
  }

  /// About how wide `text` is at font `size` in a sans-serif face (for layout: legends,
  /// label placement). O(characters).
  static func textWidth(_ text: String, size: Double) -> Double {
    text.reduce(0.0) { sum, c in
      sum + size * (c.isUppercase || c == "m" || c == "w" ? 0.72 : c == " " || c == "." || c == "," || c == "i" || c == "l" ? 0.3 : 0.56)
    }
  }

  static func escape(_ text: String) -> String {
    text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
      .replacingOccurrences(of: "\"", with: "&quot;")
  }
}
