import Foundation
import Testing

@testable import AllianceAnalytics
@testable import AllianceRender

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// A seeded generator for the synthetic cases (SplitMix64).
struct TestRandom {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func below(_ n: UInt64) -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return (z ^ (z >> 31)) % n
  }
}

/// The timeline and backtest charts, the chart sheet and SVG rasterisation through Graphviz.
@Suite struct PlotTests {
  /// The elements of `svg` parsed as XML (fails the test when it does not parse).
  final class Elements: NSObject, XMLParserDelegate {
    var found: [(name: String, attributes: [String: String])] = []
    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String]) {
      found.append((name, attributes))
    }
    func all(_ name: String, where test: ([String: String]) -> Bool = { _ in true }) -> [[String: String]] {
      found.filter { $0.name == name && test($0.attributes) }.map(\.attributes)
    }
  }

  static func parse(_ svg: String) throws -> Elements {
    let parser = XMLParser(data: Data(svg.utf8))
    let elements = Elements()
    parser.delegate = elements
    parser.shouldResolveExternalEntities = false
    #expect(parser.parse(), "not XML: \(parser.parserError.map { "\($0)" } ?? "")")
    return elements
  }

  /// The (x, y) vertices of a path's `d` ("M x,y L x,y …").
  static func vertices(_ d: String) -> [(x: Double, y: Double)] {
    d.split(whereSeparator: { $0 == " " }).compactMap { token in
      let parts = token.dropFirst().split(separator: ",").compactMap { Double($0) }
      return parts.count == 2 ? (parts[0], parts[1]) : nil
    }
  }

  /// Rows of the mini world's single year, repeated as `years` with shifted values.
  static func timelineRows(years: ClosedRange<Int>) throws -> (system: [SystemYear], nations: [NationYear], names: [Int: String]) {
    let loaded = try MiniWorld.sample.load()
    let network = loaded.dataset
    let pak = try #require(network.nations.firstIndex { $0.id == "PAK" }), chn = try #require(network.nations.firstIndex { $0.id == "CHN" })
    let system = try Timeline.system(network, years: 2000...2000, parameters: ModelParameters())
    let nations = try Timeline.nations(network, years: 2000...2000, nations: [pak, chn], parameters: ModelParameters())
    var systemRows: [SystemYear] = [], nationRows: [NationYear] = []
    for year in years {
      var r = system[0]
      r.year = year
      r.threatened += year - years.lowerBound
      systemRows.append(r)
      for n in nations {
        var row = n
        row.year = year
        row.assessment.fm += Double(year - years.lowerBound)
        nationRows.append(row)
      }
    }
    return (systemRows, nationRows, [pak: "Pakistan", chn: "China"])
  }

  @Test func timelineChartsAreTheReportsAndOnePerGroupOfMetrics() throws {
    let (system, nations, names) = try Self.timelineRows(years: 2000...2009)
    let report = TimelineCharts.system(system)
    #expect(report.count == 2)
    for chart in report {
      let elements = try Self.parse(chart)
      let paths = elements.all("path") { $0["class"] == "series" }
      #expect(paths.count == 2)
      for path in paths { #expect(Self.vertices(path["d"] ?? "").count == 10) }
      // Year ticks are whole years.
      let labels = elements.all("text").count
      #expect(labels > 10)
    }
    #expect(report[0].contains("aria-label=\"Threatened and uncovered nations\""))
    #expect(report[1].contains("aria-label=\"Bloc polarization (Esteban–Ray) and mean similarity S\""))
    #expect(TimelineCharts.system(system, metrics: TimelineCharts.systemMetrics).count == 7)
    #expect(TimelineCharts.system(system, metrics: ["blocs", "nosuch"]).count == 1)
    // One nation: its name in the title, the measure as the series; several: one line each.
    let pakistan = TimelineCharts.nations(nations.filter { names[$0.nation] == "Pakistan" }, names: names)
    #expect(pakistan.count == 2 && pakistan[0].contains("aria-label=\"Pakistan: force multiplier FM\""))
    let both = TimelineCharts.nations(nations, names: names, metrics: ["fm", "gap", "partners"])
    #expect(both.count == 3)
    let fm = try Self.parse(both[0])
    #expect(fm.all("path") { $0["class"] == "series" }.count == 2)
    #expect(both[0].contains(">Pakistan</text>") && both[0].contains(">China</text>"))
  }

  @Test func manySeriesWrapTheLegendAndGrowTheChart() throws {
    let series = (0..<25).map { k in SVGChart.Series(name: "nation \(k)", points: [(2000, Double(k)), (2001, Double(k + 1))]) }
    let chart = SVGChart.line(title: "Many", yLabel: "v", series: series)
    let elements = try Self.parse(chart)
    #expect(elements.all("path") { $0["class"] == "series" }.count == 25)
    let size = try #require(SVGChart.size(of: chart))
    #expect(size.height > 240 + 100)
    // Legend texts stay inside the chart.
    for text in elements.all("text") {
      if let x = text["x"].flatMap(Double.init) { #expect(x < size.width) }
      if let y = text["y"].flatMap(Double.init) { #expect(y <= size.height) }
    }
  }

  @Test func rocCurveRunsFromCornerToCornerWithTheRankAUC() throws {
    var random = TestRandom(seed: 7)
    var scores: [Double] = [], labels: [Bool] = []
    for _ in 0..<5000 {
      let hit = random.below(4) == 0
      labels.append(hit)
      // Rounded scores make ties.
      scores.append(((Double(random.below(1000)) / 1000 + (hit ? 0.3 : 0)) * 50).rounded())
    }
    let full = ScoreCurves.roc(scores, labels, maxPoints: 100_000)
    let thin = ScoreCurves.roc(scores, labels, maxPoints: 50)
    for curve in [full, thin] {
      #expect(curve.first == ROCPoint(falsePositiveRate: 0, truePositiveRate: 0))
      #expect(curve.last == ROCPoint(falsePositiveRate: 1, truePositiveRate: 1))
      #expect(zip(curve, curve.dropFirst()).allSatisfy { $0.falsePositiveRate <= $1.falsePositiveRate && $0.truePositiveRate <= $1.truePositiveRate })
    }
    #expect(abs(ScoreCurves.area(full) - FormationBacktest.rankAUC(scores, labels)) < 1e-9)
    #expect(thin.count <= 52 && abs(ScoreCurves.area(thin) - ScoreCurves.area(full)) < 0.02)
    #expect(ScoreCurves.roc([1, 2], [true, true]).isEmpty)

    let chart = SVGChart.roc(
      title: "ROC", curves: [.init(name: "score", points: thin.map { ($0.falsePositiveRate, $0.truePositiveRate) }), .init(name: "empty", points: [])])
    let elements = try Self.parse(chart)
    let paths = elements.all("path") { $0["class"] == "series" }
    #expect(paths.count == 1)
    let diagonal = try #require(elements.all("line") { $0["class"] == "diagonal" }.first)
    let corner0 = (Double(diagonal["x1"]!)!, Double(diagonal["y1"]!)!), corner1 = (Double(diagonal["x2"]!)!, Double(diagonal["y2"]!)!)
    let points = Self.vertices(paths[0]["d"]!)
    #expect(points.first!.x == corner0.0 && points.first!.y == corner0.1, "the curve starts at (0, 0)")
    #expect(points.last!.x == corner1.0 && points.last!.y == corner1.1, "the curve ends at (1, 1)")
    #expect(points.count == thin.count)
  }

  @Test func calibrationDrawsOneSizedPointPerBin() throws {
    let predicted = (0..<1000).map { Double($0) / 1000 }, labels = predicted.map { $0 > 0.6 }
    let bins = ScoreCurves.calibration(predicted, labels)
    #expect(bins.count == 10 && bins.map(\.count).reduce(0, +) == 1000)
    #expect(bins.last!.observedRate == 1 && bins.first!.observedRate == 0)
    let elements = try Self.parse(SVGChart.calibration(title: "Calibration", bins: bins))
    #expect(elements.all("circle") { $0["class"] == "point" }.count == 10)
    #expect(elements.all("line") { $0["class"] == "diagonal" }.count == 1)
    // Rare events crowd the bottom decile: a square-root scale spreads them.
    let rare = (0..<10).map { CalibrationBin(meanPredicted: 0.001 * Double($0 + 1), observedRate: 0.001 * Double($0), count: 100 + $0) }
      + [CalibrationBin(meanPredicted: 0.2, observedRate: 0.1, count: 50)]
    let chart = SVGChart.calibration(title: "Rare", bins: rare)
    #expect(chart.contains("square-root scale") && chart.contains("area ∝ cases"))
    #expect(try Self.parse(chart).all("circle") { $0["class"] == "point" }.count == 11)
  }

  @Test func backtestChartsPlotWhatEachResultHas() throws {
    var random = TestRandom(seed: 3)
    var cases: [FormationCase] = []
    for focus in 0..<30 {
      for candidate in 30..<60 {
        let p = Double(random.below(1000)) / 1000
        cases.append(
          FormationCase(
            year: 2000, focus: focus, candidate: candidate, pForm: p * 0.3, baselineLogit: p, distance: Double(random.below(5000)),
            hit: random.below(1000) < UInt64(p * 200)))
      }
    }
    let formation = FormationBacktest.evaluate(cases, years: [2000], horizon: 10, resamples: 20)
    #expect(formation.scores.allSatisfy { $0.roc.first?.falsePositiveRate == 0 && $0.roc.last?.truePositiveRate == 1 })
    let charts = BacktestCharts.formation(formation)
    #expect(charts.count == 4)
    #expect(try Self.parse(charts[0]).all("path") { $0["class"] == "series" }.count == 4)
    #expect(try Self.parse(charts[1]).all("circle") { $0["class"] == "point" }.count == formation.calibration.count)
    #expect(try Self.parse(charts[2]).all("rect") { $0["class"] == "bar" }.count == 4)

    var observations: [BacktestObservation] = []
    for nation in 0..<40 {
      for year in 1990...2000 {
        let cr = Double(random.below(300)) / 100
        observations.append(
          BacktestObservation(
            year: year, nation: nation, cr: cr, gap: max(0, 1 - cr), uncovered: cr < 1, targeted: random.below(100) < (cr < 1 ? 40 : 20),
            theta: 1 + Double(random.below(10)), d: cr, capability: 1 + Double(nation), threats: 1, pastDisputeYears: Int(random.below(5))))
      }
    }
    let fit = observations.filter { $0.year <= 1994 }, test = observations.filter { $0.year >= 1996 }
    let result = Backtest.evaluate(test, years: 1996...2000, window: 1, parameters: ModelParameters(), resamples: 20)
    let comparison = try CoverageBacktest.compare(fit: fit, test: test, fitYears: 1990...1994, testYears: 1996...2000, resamples: 20, seed: 1)
    #expect(!result.roc.isEmpty && !comparison.fullROC.isEmpty && !comparison.baselineROC.isEmpty && comparison.calibration.count == 10)
    let coverage = BacktestCharts.coverage(result, comparison)
    #expect(coverage.count == 4)
    #expect(try Self.parse(coverage[0]).all("path") { $0["class"] == "series" }.count == 3)
    #expect(try Self.parse(coverage[3]).all("rect") { $0["class"] == "bar" }.count == 6)
  }

  @Test func aSheetNestsTheChartsInOneSVG() throws {
    let (system, _, _) = try Self.timelineRows(years: 2000...2003)
    let charts = TimelineCharts.system(system, metrics: TimelineCharts.systemMetrics)
    let sheet = SVGChart.sheet(charts, title: "Timeline")
    #expect(sheet.charts == 7)
    let elements = try Self.parse(sheet.svg)
    let nested = elements.all("svg") { $0["class"] == "chart" }
    #expect(nested.count == 7)
    #expect(elements.all("svg").count == 8)
    // Two columns of 560, four rows of 240 under the title, with margins and gaps.
    let width: Double = 24 + 1120 + 12, height: Double = 24 + 26 + 960 + 36
    #expect(sheet.width == width)
    #expect(sheet.height == height)
    for chart in nested {
      let x = try #require(chart["x"].flatMap(Double.init)), y = try #require(chart["y"].flatMap(Double.init))
      #expect(x + 560 <= sheet.width && y + 240 <= sheet.height)
    }
  }
}

/// Rasterising through Graphviz writes and removes a temporary file.
@Suite struct SVGRasterTests {
  static func sheet() -> SVGChart.Sheet {
    SVGChart.sheet([
      SVGChart.line(title: "A line", yLabel: "y", series: [.init(name: "s", points: [(2000, 1), (2001, 3), (2002, 2)])]),
      SVGChart.roc(title: "ROC", curves: [.init(name: "s", points: [(0, 0), (0.2, 0.6), (1, 1)])]),
    ])
  }

  static func emptyFolder() throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("raster-tests-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder
  }

  @Test func pngHasTheMagicBytesAndTwiceTheSizeInPixels() throws {
    let folder = try Self.emptyFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let sheet = Self.sheet()
    let png = try SVGRaster.render(svg: sheet.svg, width: sheet.width, height: sheet.height, format: .png, directory: folder)
    #expect(Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
    // IHDR: width and height, big-endian, at bytes 16–23 (144 dpi: twice the points).
    func word(_ at: Int) -> Int { png[at..<(at + 4)].reduce(0) { $0 << 8 | Int($1) } }
    #expect(abs(word(16) - Int(2 * sheet.width)) <= 2 && abs(word(20) - Int(2 * sheet.height)) <= 2, "\(word(16))×\(word(20))")
    // A drawn chart, not an empty page.
    #expect(png.count > 20_000)
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty, "the temporary SVG is removed")
  }

  @Test func pdfAndSVGAndRefusals() throws {
    let folder = try Self.emptyFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let sheet = Self.sheet()
    let pdf = try SVGRaster.render(svg: sheet.svg, width: sheet.width, height: sheet.height, format: .pdf, directory: folder)
    #expect(String(decoding: pdf.prefix(5), as: UTF8.self) == "%PDF-" && pdf.count > 2_000)
    let svg = String(decoding: try SVGRaster.render(svg: sheet.svg, width: sheet.width, height: sheet.height, format: .svg), as: UTF8.self)
    #expect(svg.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg "))
    #expect(throws: GraphvizError.self) { try SVGRaster.render(svg: sheet.svg, width: 10, height: 10, format: .dot, directory: folder) }
    #expect(throws: GraphvizError.self) { try SVGRaster.render(svg: sheet.svg, width: 0, height: 10, format: .png, directory: folder) }
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    // A path with a quote and a backslash is escaped in the DOT text.
    #expect(SVGRaster.quoted("a\"b\\c") == "a\\\"b\\\\c")
  }
}
