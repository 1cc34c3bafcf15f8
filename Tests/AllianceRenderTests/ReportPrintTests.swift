import AllianceAnalytics
import AllianceModel
import Foundation
import Testing

@testable import AllianceRender

/// The curated dataset's report printed to PDF by headless Chromium and read back with
/// `pdftotext` (poppler-utils): every row of every table is on paper. Skipped, with the
/// missing tool named, where Chromium or pdftotext is not installed (`make report-pdf`
/// installs both and runs this test).
@Suite struct ReportPrintTests {
  /// The first of `names` found on the PATH.
  static func executable(_ names: [String]) -> String? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    for directory in path.split(separator: ":") {
      for name in names {
        let candidate = "\(directory)/\(name)"
        if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
      }
    }
    return nil
  }

  static let chromium = executable(["chromium", "chromium-browser"])
  static let pdftotext = executable(["pdftotext"])
  static let toolsPresent = chromium != nil && pdftotext != nil

  @Test(
    .enabled(
      if: toolsPresent,
      "needs headless Chromium (chromium) and pdftotext (poppler-utils) on the PATH; `make report-pdf` installs them and runs this test"),
    .timeLimit(.minutes(3)))
  func everyTableRowIsOnPaper() throws {
    let network = try #require(builtIn, "the built-in dataset loads")
    let pakistan = try #require(network.nations.firstIndex { $0.id == "PAK" })
    var options = ReportOptions(year: network.metadata.asOf, focus: pakistan)
    // Few draws, no prior draws, the smallest trilateral pool and a short timeline keep
    // the debug build's report short (the 57 OIC verdicts dominate); the tables have all
    // their rows either way.
    options.thesisRule.draws = 2
    options.thesisRule.drawPriors = false
    options.parameters.trilateralPool = 2
    options.timelineYears = (network.metadata.asOf - 1)...network.metadata.asOf
    options.threads = ProcessInfo.processInfo.activeProcessorCount
    let html = try HTMLReport.build(network, options: options)

    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("report-print-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let page = folder.appendingPathComponent("report.html"), pdf = folder.appendingPathComponent("report.pdf")
    try Data(html.utf8).write(to: page)
    let printed = try Self.run(
      Self.chromium!,
      [
        "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer", "--user-data-dir=\(folder.path)/profile",
        "--print-to-pdf=\(pdf.path)", page.absoluteString,
      ], in: folder, timeout: 120)
    try #require(FileManager.default.fileExists(atPath: pdf.path), "chromium wrote no PDF (status \(printed.status)): \(printed.stderr.suffix(2000))")
    let text = try Self.run(Self.pdftotext!, ["-raw", "-enc", "UTF-8", pdf.path, "-"], in: folder, timeout: 60)
    try #require(text.status == 0, "pdftotext failed: \(text.stderr)")
    let paper = Array(Self.squeezed(text.stdout).utf8CString)

    let tables = Self.tables(html)
    #expect(tables.count >= 11, "\(tables.keys.sorted())")
    let multipliers = try #require(tables["fm"])
    let nations = try YearSnapshot(network: network, year: options.year).nodeCount
    #expect(multipliers.count == nations && nations >= 149, "force-multiplier rows: \(multipliers.count) of \(nations)")
    let group = try #require(tables["group-table"])
    #expect(group.count == 57, "OIC rows: \(group.count)")
    #expect(tables["source-table"].map { !$0.isEmpty } == true)
    // Every row (its cells' text, in order) is on paper; only whitespace may differ, as
    // long cells wrap. Cells in right-to-left or CJK scripts are skipped: text extraction
    // reorders and decomposes them (a few data-source titles).
    for (id, rows) in tables.sorted(by: { $0.key < $1.key }) {
      let missing = rows.filter { !Self.printed($0, in: paper) }
      #expect(missing.isEmpty, "table \(id): \(missing.count) of \(rows.count) rows not in the PDF, e.g. \(missing.prefix(3))")
    }
    // Every nation of the force-multiplier table by name, and no screen-only control.
    for row in multipliers { #expect(Self.find(row[1], in: paper) != nil, "\(row[1])") }
    #expect(Self.find("of \(nations) rows", in: paper) == nil, "the filter boxes do not print")
    #expect(Self.find("Numbers: 3 significant digits", in: paper) != nil)

    // The sources' addresses are links.
    let links = html.components(separatedBy: "<a href=\"http").count - 1
    #expect(links > 0 && links == tables["source-table"]!.filter { $0.last?.hasPrefix("http") == true }.count)
    HTMLReportTests.expectSelfContained(html)
  }

  /// Whether `row`'s cells are in `paper` (squeezed text) in order: runs of adjacent
  /// checkable cells contiguous, a skipped cell (see ``extractable(_:)``) a gap.
  static func printed(_ row: [String], in paper: [CChar]) -> Bool {
    var runs: [String] = [""]
    for cell in row {
      if extractable(cell) { runs[runs.count - 1] += cell } else { runs.append("") }
    }
    var from = 0
    for run in runs where !run.isEmpty {
      guard let end = find(run, in: paper, from: from) else { return false }
      from = end
    }
    return runs.contains { !$0.isEmpty }
  }

  /// Where `text`, squeezed, ends in `paper` (NUL-terminated) at or after byte `from`; nil
  /// when absent. C's `strstr`: a debug build's Swift loop would take seconds per table.
  static func find(_ text: String, in paper: [CChar], from: Int = 0) -> Int? {
    let needle = squeezed(text)
    guard !needle.isEmpty else { return from }
    return paper.withUnsafeBufferPointer { hay in
      needle.withCString { pattern in
        guard from < hay.count - 1, let hit = strstr(hay.baseAddress! + from, pattern) else { return nil }
        return hay.baseAddress!.distance(to: hit) + strlen(pattern)
      }
    }
  }

  /// Text whose extraction from a PDF is faithful: no right-to-left (Hebrew, Arabic) or
  /// CJK characters, which pdftotext reorders, decomposes or drops.
  static func extractable(_ text: String) -> Bool {
    !text.unicodeScalars.contains { scalar in
      let v = scalar.value
      return (0x0590...0x08FF).contains(v) || (0xFB1D...0xFEFF).contains(v) || (0x2E80...0x9FFF).contains(v)
        || (0xAC00...0xD7AF).contains(v) || (0xF900...0xFAFF).contains(v) || (0x20000...0x3FFFF).contains(v)
    }
  }

  /// Every table's body rows by table id, each as its cells' text (tags dropped, entities
  /// decoded). The report writes one `<tr>` per line.
  static func tables(_ html: String) -> [String: [[String]]] {
    var result: [String: [[String]]] = [:]
    var current: String?
    for line in html.split(separator: "\n") {
      if let open = line.range(of: "<table class=\"sortable") {
        let tag = line[open.upperBound...]
        if let id = tag.range(of: "id=\"") {
          current = String(tag[id.upperBound...].prefix { $0 != "\"" })
          result[current!] = []
        }
      } else if line.hasPrefix("</tbody></table>") {
        current = nil
      } else if let id = current, line.hasPrefix("<tr>") {
        let cells = line.components(separatedBy: "<td").dropFirst().map { piece -> String in
          let body = piece.drop { $0 != ">" }.dropFirst()
          let inner = body.range(of: "</td>").map { body[..<$0.lowerBound] } ?? body
          return decode(String(inner).replacingOccurrences(of: "<[^>]*>", with: "", options: .regularExpression))
        }
        result[id]!.append(cells)
      }
    }
    return result
  }

  static func decode(_ text: String) -> String {
    text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&quot;", with: "\"")
      .replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&amp;", with: "&")
  }

  /// `text` without any whitespace (wrapped cells and page layout move only whitespace).
  static func squeezed(_ text: String) -> String { String(text.unicodeScalars.filter { !CharacterSet.whitespacesAndNewlines.contains($0) }.map(Character.init)) }

  /// Runs `executable` with output to files (no pipe to fill), killing it after `timeout` seconds.
  static func run(_ executable: String, _ arguments: [String], in folder: URL, timeout: TimeInterval) throws -> (
    status: Int32, stdout: String, stderr: String
  ) {
    let name = URL(fileURLWithPath: executable).lastPathComponent
    let outURL = folder.appendingPathComponent("\(name).stdout"), errURL = folder.appendingPathComponent("\(name).stderr")
    _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
    _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
    let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.currentDirectoryURL = folder
    process.standardOutput = out
    process.standardError = err
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let deadline = Date().addingTimeInterval(timeout)
    while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
    if process.isRunning {
      process.terminate()
      process.waitUntilExit()
    }
    try out.close()
    try err.close()
    return (
      process.terminationStatus, String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
      String(decoding: try Data(contentsOf: errURL), as: UTF8.self)
    )
  }
}
