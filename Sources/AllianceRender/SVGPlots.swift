import AllianceAnalytics
import Foundation

/// ROC and calibration charts, and several charts on one sheet (one SVG file).
extension SVGChart {
  /// An ROC curve chart: false positive rate against true positive rate on [0, 1]², the
  /// diagonal of a random score dashed, one path per series (name it with its AUC; each
  /// later series a little narrower, so identical curves still show both colours) and a
  /// legend in the lower right corner, or the upper left when the curves pass there.
  /// O(points).
  public static func roc(title: String, curves: [Series], width: Double = 420, height: Double = 400) -> String {
    let left = 56.0, right = 16.0, top = 28.0, bottom = 40.0
    let side = min(width - left - right, height - top - bottom)
    var svg = header(title, width: width, height: height, left: left)
    func px(_ x: Double) -> Double { left + x * side }
    func py(_ y: Double) -> Double { top + side - y * side }
    axes01(&svg, px: px, py: py, left: left, top: top, side: side, ticks: [0, 0.2, 0.4, 0.6, 0.8, 1])
    svg += "<line class=\"diagonal\" x1=\"\(f(px(0)))\" y1=\"\(f(py(0)))\" x2=\"\(f(px(1)))\" y2=\"\(f(py(1)))\" stroke=\"#9e9e9e\" stroke-dasharray=\"5 4\"/>"
    svg += axisLabels(x: "false positive rate", y: "true positive rate", left: left, top: top, side: side)
    let drawn = curves.enumerated().filter { !$0.element.points.isEmpty }
    if drawn.isEmpty {
      svg += "<text x=\"\(f(px(0.5)))\" y=\"\(f(py(0.55)))\" font-size=\"12\" text-anchor=\"middle\">no curve: the cases lack hits or misses</text>"
    }
    var occupied: [(x: Double, y: Double)] = []
    for (index, s) in drawn {
      let (color, dash) = stroke(index)
      let pixels = s.points.map { (x: px($0.x), y: py($0.y)) }
      occupied += densify(pixels)
      let path = pixels.enumerated().map { "\($0.offset == 0 ? "M" : "L")\(f($0.element.x)),\(f($0.element.y))" }.joined(separator: " ")
      let widthOfLine = max(1.2, 3 - 0.6 * Double(index))
      svg += "<path class=\"series\" d=\"\(path)\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"\(f(widthOfLine))\"\(dash)><title>\(escape(s.name))</title></path>"
    }
    svg += legend(
      drawn.map { ($0.element.name, $0.offset) }, frame: (left, top, side), avoiding: occupied)
    return svg + "</svg>"
  }

  /// A calibration chart: each bin's mean predicted probability against its observed rate
  /// on the same scale (0 to a round value above both; a square-root scale when most bins
  /// crowd the lowest fifth, as rare events' deciles do), the diagonal of perfect
  /// calibration dashed, the bins joined in order and drawn as circles whose area follows
  /// the bin's count (named in the legend and in each circle's tooltip). O(bins).
  public static func calibration(title: String, bins: [CalibrationBin], width: Double = 420, height: Double = 400) -> String {
    let left = 56.0, right = 16.0, top = 28.0, bottom = 40.0
    let side = min(width - left - right, height - top - bottom)
    var svg = header(title, width: width, height: height, left: left)
    let shown = bins.filter { $0.meanPredicted.isFinite && $0.observedRate.isFinite && $0.count > 0 }
    let highest = max(shown.map { max($0.meanPredicted, $0.observedRate) }.max() ?? 1, 1e-9)
    var scale = ticks(0, highest, count: 5)
    if scale.count > 1, let last = scale.last, last < highest * (1 - 1e-9) { scale.append(last + (scale[1] - scale[0])) }
    let upper = scale.count > 1 ? scale.last! : 1
    let predicted = shown.map(\.meanPredicted).sorted()
    let rooted = predicted.count >= 3 && predicted[predicted.count / 2] < 0.2 * upper
    func t(_ v: Double) -> Double { rooted ? (max(0, v) / upper).squareRoot() : v / upper }
    func px(_ x: Double) -> Double { left + t(x) * side }
    func py(_ y: Double) -> Double { top + side - t(y) * side }
    if rooted { scale = rootTicks(upper, t) }
    axes01(&svg, px: px, py: py, left: left, top: top, side: side, ticks: scale.count > 1 ? scale : [0, 0.5, 1])
    svg += "<line class=\"diagonal\" x1=\"\(f(px(0)))\" y1=\"\(f(py(0)))\" x2=\"\(f(px(upper)))\" y2=\"\(f(py(upper)))\" stroke=\"#9e9e9e\" stroke-dasharray=\"5 4\"/>"
    let suffix = rooted ? " (square-root scale)" : ""
    svg += axisLabels(x: "mean predicted probability" + suffix, y: "observed rate" + suffix, left: left, top: top, side: side)
    guard !shown.isEmpty else {
      return svg + "<text x=\"\(f(left + side / 2))\" y=\"\(f(top + side / 2))\" font-size=\"12\" text-anchor=\"middle\">no data</text></svg>"
    }
    let centres = shown.map { (x: px($0.meanPredicted), y: py($0.observedRate)) }
    let path = centres.enumerated().map { "\($0.offset == 0 ? "M" : "L")\(f($0.element.x)),\(f($0.element.y))" }.joined(separator: " ")
    svg += "<path class=\"series\" d=\"\(path)\" fill=\"none\" stroke=\"\(colors[0])\" stroke-width=\"1.5\"/>"
    let most = Double(shown.map(\.count).max()!)
    var occupied = densify(centres)
    for (bin, centre) in zip(shown, centres) {
      let r = 2.5 + 5.5 * (Double(bin.count) / most).squareRoot()
      for dx in [-r, r] { for dy in [-r, r] { occupied.append((centre.x + dx, centre.y + dy)) } }
      svg += "<circle class=\"point\" cx=\"\(f(centre.x))\" cy=\"\(f(centre.y))\" r=\"\(f(r))\" fill=\"\(colors[0])\" fill-opacity=\"0.75\" stroke=\"#ffffff\" stroke-width=\"1\">"
        + "<title>predicted \(label(bin.meanPredicted)), observed \(label(bin.observedRate)), \(bin.count) cases</title></circle>"
    }
    let counts = shown.map(\.count)
    let note = counts.min() == counts.max()
      ? "\(shown.count) bins of \(counts[0]) cases" : "\(shown.count) bins of \(counts.min()!)–\(counts.max()!) cases (area ∝ cases)"
    svg += legend([("bins: observed vs predicted", 0), ("perfect calibration", -1), (note, -2)], frame: (left, top, side), avoiding: occupied)
    return svg + "</svg>"
  }

  /// Ticks of a square-root axis from 0 to `upper`: 0, `upper` and the 1-2-5 values between
  /// that lie at least 9% of the axis apart once transformed by `t`.
  static func rootTicks(_ upper: Double, _ t: (Double) -> Double) -> [Double] {
    var candidates: [Double] = []
    var magnitude = pow(10, floor(log10(upper)))
    while magnitude > upper * 1e-4 {
      for m in [5.0, 2, 1] where m * magnitude < upper * (1 - 1e-9) { candidates.append(m * magnitude) }
      magnitude /= 10
    }
    var kept = [upper]
    for c in candidates.sorted(by: >) where t(kept.last!) - t(c) >= 0.09 && t(c) >= 0.09 { kept.append(c) }
    return [0] + kept.reversed()
  }

  /// Points every few pixels along the polyline through `points` (for legend placement).
  static func densify(_ points: [(x: Double, y: Double)]) -> [(x: Double, y: Double)] {
    guard var last = points.first else { return [] }
    var result = [last]
    for p in points.dropFirst() {
      let steps = Int(max(abs(p.x - last.x), abs(p.y - last.y)) / 4)
      for k in stride(from: 1, through: steps, by: 1) {
        let a = Double(k) / Double(steps + 1)
        result.append((last.x + a * (p.x - last.x), last.y + a * (p.y - last.y)))
      }
      result.append(p)
      last = p
    }
    return result
  }

  /// Square axes: gridlines and tick labels at `ticks` on both axes, and the frame's left
  /// and bottom lines.
  static func axes01(_ svg: inout String, px: (Double) -> Double, py: (Double) -> Double, left: Double, top: Double, side: Double, ticks: [Double]) {
    for tick in ticks {
      svg += "<line x1=\"\(f(left))\" x2=\"\(f(left + side))\" y1=\"\(f(py(tick)))\" y2=\"\(f(py(tick)))\" stroke=\"#e0e0e0\"/>"
      svg += "<line x1=\"\(f(px(tick)))\" x2=\"\(f(px(tick)))\" y1=\"\(f(top))\" y2=\"\(f(top + side))\" stroke=\"#e0e0e0\"/>"
      svg += "<text x=\"\(f(left - 6))\" y=\"\(f(py(tick) + 4))\" font-size=\"11\" text-anchor=\"end\">\(label(tick))</text>"
      svg += "<text x=\"\(f(px(tick)))\" y=\"\(f(top + side + 16))\" font-size=\"11\" text-anchor=\"middle\">\(label(tick))</text>"
    }
    svg += "<line x1=\"\(f(left))\" x2=\"\(f(left + side))\" y1=\"\(f(top + side))\" y2=\"\(f(top + side))\" stroke=\"#616161\"/>"
    svg += "<line x1=\"\(f(left))\" x2=\"\(f(left))\" y1=\"\(f(top))\" y2=\"\(f(top + side))\" stroke=\"#616161\"/>"
  }

  /// The x label under the plot and the rotated y label left of it.
  static func axisLabels(x: String, y: String, left: Double, top: Double, side: Double) -> String {
    "<text x=\"\(f(left + side / 2))\" y=\"\(f(top + side + 32))\" font-size=\"11\" text-anchor=\"middle\">\(escape(x))</text>"
      + "<text transform=\"translate(14 \(f(top + side / 2))) rotate(-90)\" font-size=\"11\" text-anchor=\"middle\">\(escape(y))</text>"
  }

  /// A legend box inside the square plot `frame` (left, top, side): in the lower right
  /// corner, or the upper left, upper right or lower left, whichever covers the fewest of
  /// `avoiding` (pixel positions of what is drawn). One row per entry: a line in the
  /// series' stroke; index −1: the dashed grey diagonal; −2: text only.
  static func legend(_ entries: [(name: String, index: Int)], frame: (left: Double, top: Double, side: Double), avoiding: [(x: Double, y: Double)]) -> String {
    guard !entries.isEmpty else { return "" }
    let width = (entries.map { textWidth($0.name, size: 11) * 1.1 + ($0.index == -2 ? 0 : 22) }.max() ?? 0) + 12
    let height = Double(entries.count) * 16 + 6
    let inset = 6.0
    let lowX = frame.left + inset, highX = frame.left + frame.side - inset - width
    let lowY = frame.top + inset, highY = frame.top + frame.side - inset - height
    let corners = [(highX, highY), (lowX, lowY), (highX, lowY), (lowX, highY)]
    func covered(_ corner: (Double, Double)) -> Int {
      avoiding.filter { $0.x >= corner.0 - 3 && $0.x <= corner.0 + width + 3 && $0.y >= corner.1 - 3 && $0.y <= corner.1 + height + 3 }.count
    }
    let counts = corners.map(covered)
    let (x, y) = corners[counts.firstIndex(of: counts.min()!)!]
    var svg = "<g class=\"legend\"><rect x=\"\(f(x))\" y=\"\(f(y))\" width=\"\(f(width))\" height=\"\(f(height))\" fill=\"#ffffff\" fill-opacity=\"0.9\" stroke=\"#bdbdbd\"/>"
    for (row, entry) in entries.enumerated() {
      let ly = y + 15 + Double(row) * 16
      if entry.index == -2 {
        svg += "<text x=\"\(f(x + 6))\" y=\"\(f(ly))\" font-size=\"11\" fill=\"#616161\">\(escape(entry.name))</text>"
        continue
      }
      let (color, dash) = entry.index < 0 ? ("#9e9e9e", " stroke-dasharray=\"5 4\"") : stroke(entry.index)
      svg += "<line x1=\"\(f(x + 6))\" x2=\"\(f(x + 24))\" y1=\"\(f(ly - 4))\" y2=\"\(f(ly - 4))\" stroke=\"\(color)\" stroke-width=\"2\"\(dash)/>"
      svg += "<text x=\"\(f(x + 28))\" y=\"\(f(ly))\" font-size=\"11\">\(escape(entry.name))</text>"
    }
    return svg + "</g>"
  }

  /// Several charts laid out on one sheet.
  public struct Sheet: Sendable {
    /// One `<svg>` holding the charts as nested `<svg>` elements, on a white background.
    public var svg: String
    public var width: Double
    public var height: Double
    public var charts: Int
  }

  /// Lays `charts` (each an `<svg>` with width and height attributes, as this type's
  /// functions make them) out in `columns` columns, row by row, under an optional `title`.
  /// Each column is as wide as its widest chart, each row as tall as its tallest. O(text).
  public static func sheet(_ charts: [String], columns: Int = 2, title: String? = nil) -> Sheet {
    let margin = 12.0, gap = 12.0
    let sizes = charts.map { size(of: $0) ?? (560, 240) }
    let columns = max(1, min(columns, charts.count))
    var widths = [Double](repeating: 0, count: columns)
    var heights = [Double](repeating: 0, count: (charts.count + columns - 1) / columns)
    for (k, s) in sizes.enumerated() {
      widths[k % columns] = max(widths[k % columns], s.width)
      heights[k / columns] = max(heights[k / columns], s.height)
    }
    let titleHeight = title == nil ? 0.0 : 26
    let width = max(2 * margin + widths.reduce(0, +) + gap * Double(columns - 1), title.map { textWidth($0, size: 15) + 2 * margin } ?? 0)
    let height = 2 * margin + titleHeight + heights.reduce(0, +) + gap * Double(max(0, heights.count - 1))
    var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(f(width)) \(f(height))\" width=\"\(f(width))\" height=\"\(f(height))\" "
      + "font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\" fill=\"#212121\">"
      + "<rect x=\"0\" y=\"0\" width=\"\(f(width))\" height=\"\(f(height))\" fill=\"#ffffff\"/>"
    if let title {
      svg += "<text x=\"\(f(margin))\" y=\"\(f(margin + 15))\" font-size=\"15\" font-weight=\"bold\">\(escape(title))</text>"
    }
    for (k, chart) in charts.enumerated() {
      let column = k % columns, row = k / columns
      let x = margin + widths[..<column].reduce(0, +) + gap * Double(column)
      let y = margin + titleHeight + heights[..<row].reduce(0, +) + gap * Double(row)
      guard chart.hasPrefix("<svg ") else { continue }
      svg += "<svg x=\"\(f(x))\" y=\"\(f(y))\" " + chart.dropFirst(5)
    }
    return Sheet(svg: svg + "</svg>", width: width, height: height, charts: charts.count)
  }

  /// The width and height attributes of the first tag of `svg`.
  static func size(of svg: String) -> (width: Double, height: Double)? {
    guard let end = svg.firstIndex(of: ">") else { return nil }
    let tag = svg[..<end]
    func attribute(_ name: String) -> Double? {
      guard let range = tag.range(of: " \(name)=\"") else { return nil }
      let rest = tag[range.upperBound...]
      return rest.firstIndex(of: "\"").flatMap { Double(rest[..<$0]) }
    }
    guard let width = attribute("width"), let height = attribute("height") else { return nil }
    return (width, height)
  }
}
