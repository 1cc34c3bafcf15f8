import AllianceRender
import ArgumentParser
import GraphCore

/// `--plot FILE`: the command's results as charts in one .svg, .png or .pdf file (the charts
/// stacked on one sheet), beside the usual output on standard output.
struct PlotOption: ParsableArguments {
  @Option(name: .long, help: ArgumentHelp("Also draw the results as charts into this file: .svg, .png or .pdf.", valueName: "file"))
  var plot: String?

  func validate() throws {
    guard let plot else { return }
    guard let format = DiagramFormat(path: plot), format != .dot else {
      throw ValidationError("--plot \(plot): expected a .svg, .png or .pdf file")
    }
  }

  /// Draws `charts` on one sheet under `title` into the `--plot` file (written atomically)
  /// and returns the note that names it; `nil` without `--plot`.
  /// - Throws: ``DataError`` when Graphviz cannot rasterise the sheet, or a file error.
  func write(_ charts: [String], title: String, columns: Int = 2) throws -> String? {
    guard let plot, let format = DiagramFormat(path: plot) else { return nil }
    let sheet = SVGChart.sheet(charts, columns: columns, title: title)
    let bytes: [UInt8]
    do {
      bytes = try SVGRaster.render(svg: sheet.svg, width: sheet.width, height: sheet.height, format: format)
    } catch {
      throw DataError("--plot \(plot): \(error)")
    }
    try AtomicFile.write(to: plot) { writer in try writer.write(bytes) }
    return "plot: \(sheet.charts) chart\(sheet.charts == 1 ? "" : "s") written to \(plot)"
  }
}
