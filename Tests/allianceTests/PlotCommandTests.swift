import Foundation
import Testing

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// `--plot FILE` on `timeline` and the backtests: the charts in one file, the table still on
/// standard output.
@Suite struct PlotCommandTests {
  /// How many nested charts an SVG sheet holds.
  static func charts(_ bytes: [UInt8]) -> Int {
    String(decoding: bytes, as: UTF8.self).components(separatedBy: "class=\"chart\"").count - 1
  }

  @Test func timelinePlotsSVGAndPNG() throws {
    try withWorkspace { ws throws in
      let svg = try ws.run("timeline", "--from", "2000", "--to", "2002", "--plot", "system.svg")
      #expect(svg.status == 0, "\(svg.stderr)")
      #expect(svg.stdout.contains("System per year") && svg.stdout.contains("note: plot: 7 charts written to system.svg"))
      let bytes = try ws.bytes("system.svg")
      #expect(RenderCommandTests.looksLike("system.svg", bytes) && RenderCommandTests.parsesAsXML(bytes))
      #expect(Self.charts(bytes) == 7)
      // --metric picks the charts; one nation's metrics as PNG; the JSON names the plot in its notes.
      let json = try ws.json("timeline", "--from", "2000", "--to", "2001", "--focus", "PAK", "--metric", "fm,cr", "--plot", "pak.png")
      #expect((json["notes"] as? [String] ?? []).contains("plot: 2 charts written to pak.png"))
      #expect((json["years"] as? [[String: Any]])?.count == 2)
      let png = try ws.bytes("pak.png")
      #expect(RenderCommandTests.looksLike("pak.png", png) && png.count > 20_000)
      _ = try ws.run("timeline", "--from", "2000", "--to", "2001", "--metric", "threatened,polarization", "--plot", "two.svg")
      #expect(Self.charts(try ws.bytes("two.svg")) == 2)
      #expect(try ws.listing() == ["pak.png", "system.svg", "two.svg"])
    }
  }

  @Test func plotNeedsASVGPNGOrPDFFile() throws {
    try withWorkspace { ws throws in
      for (arguments, name) in [(["timeline"], "x.dot"), (["timeline"], "plot"), (["backtest", "thesis"], "x.txt"), (["backtest"], "x.html")] {
        let result = try ws.run(arguments + ["--plot", name])
        #expect(result.status == 64, "\(arguments) \(name)")
        #expect(result.stderr.contains("--plot \(name): expected a .svg, .png or .pdf file"), "\(result.stderr)")
      }
      #expect(try ws.listing().isEmpty)
    }
  }

  @Test func coverageAndThesisBacktestsPlotOnTheReferenceExcerpt() throws {
    let data = DatasetCommandTests.referenceExcerpt
    try withWorkspace { ws throws in
      let coverage = try ws.run("backtest", data, "--from", "2000", "--to", "2011", "--window", "1", "--resamples", "10", "--plot", "coverage.svg")
      #expect(coverage.status == 0, "\(coverage.stderr)")
      #expect(coverage.stdout.contains("auc_gain") && coverage.stdout.contains("note: plot: 4 charts written to coverage.svg"))
      let svg = try ws.bytes("coverage.svg")
      #expect(RenderCommandTests.parsesAsXML(svg) && Self.charts(svg) == 4)
      let text = String(decoding: svg, as: UTF8.self)
      #expect(text.contains("class=\"diagonal\"") && text.contains("class=\"point\""))
      let thesis = try ws.run("backtest", "thesis", data, "--from", "2005", "--to", "2011", "--window", "1", "--resamples", "10", "--plot", "thesis.pdf")
      #expect(thesis.status == 0, "\(thesis.stderr)")
      #expect(RenderCommandTests.looksLike("thesis.pdf", try ws.bytes("thesis.pdf")))
    }
  }

  @Test(.enabled(if: DatasetCommandTests.referenceData != nil, "needs ../shared/data (ATOP, COW)"))
  func formationBacktestPlots() throws {
    try withWorkspace { ws throws in
      let result = try ws.run(
        "backtest", "formation", DatasetCommandTests.referenceData!, "--years", "1985", "--window", "5", "--first-year", "1978", "--resamples", "10",
        "--no-accession",
        "--plot", "formation.svg")
      #expect(result.status == 0, "\(result.stderr)")
      let svg = try ws.bytes("formation.svg")
      #expect(RenderCommandTests.parsesAsXML(svg) && Self.charts(svg) == 4)
      // Four ranking rules on the ROC chart.
      #expect(String(decoding: svg, as: UTF8.self).components(separatedBy: "AUC 0.").count - 1 >= 4)
    }
  }
}
