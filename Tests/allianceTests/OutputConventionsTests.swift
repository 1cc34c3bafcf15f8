import Foundation
import Testing

/// The output conventions every command follows (README "Output formats"): one serializer
/// for JSON (numbers, arrays, `null`, `"Infinity"`, booleans, a `meta` object), CSV that
/// pandas reads as one table, `--quiet`, `--version`, warnings once, `--params`, nation
/// aliases with "did you mean", and Ctrl-C exiting 130.
@Suite struct OutputConventionsTests {
  /// Commands on the built-in dataset (small and fast in a debug build) and on a graph file.
  static func commands(_ ws: Workspace) throws -> [[String]] {
    try ws.write("g.el", "1 2\n2 3\n3 1\n4 5\n")
    let five = try ws.write("five.txt", "nation\nPAK\nTUR\nKAZ\nPSE\nSAU\n")
    return [
      ["info"], ["gaps"], ["gaps", "--top", "5", "--monte-carlo", "--draws", "50"], ["multiplier", "--top", "5"],
      ["recommend", "--focus", "PAK", "--count", "2"], ["strategies", "--focus", "KAZ", "--draws", "50"],
      ["strategies", "--group", five, "--draws", "50"], ["similarity", "--focus", "Turkey", "--top", "5"], ["blocs"],
      ["timeline", "--from", "2020", "--to", "2021", "--focus", "PAK", "--metric", "fm"], ["whatif", "--defect", "USA"],
      ["metrics", "g.el", "--metric", "degree,pagerank,closeness"], ["metrics", "g.el", "--metric", "density,diameter"],
      ["info", "g.el"],
    ]
  }

  /// Keys whose values are lists: arrays (or null), never strings packed with `;`.
  static let listKeys: Set<String> = ["threats", "partners", "inputs_flagged", "top_contributors", "threats_brought", "largest_members"]

  func rows(_ object: [String: Any], _ key: String) throws -> [[String: Any]] {
    try #require(object[key] as? [[String: Any]], "no \(key) table in \(object.keys.sorted())")
  }

  /// Every value of a JSON document, with the key it sits under (`key[]` for an element of
  /// an array under `key`).
  func walk(_ value: Any, key: String = "", _ visit: (String, Any) -> Void) {
    visit(key, value)
    if let object = value as? [String: Any] {
      for (k, v) in object { walk(v, key: k, visit) }
    } else if let array = value as? [Any] {
      for v in array { walk(v, key: key + "[]", visit) }
    }
  }

  @Test func everyCommandsJSONFollowsTheTypingRules() throws {
    try withWorkspace { ws throws in
      for command in try Self.commands(ws) {
        let result = try ws.run(command + ["--format", "json"])
        #expect(result.status == 0, "\(command): \(result.stderr)")
        // JSONSerialization rejects NaN and Infinity literals: parsing at all is the first rule.
        let object = try #require(
          try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], "\(command): \(result.stdout.prefix(200))")
        let meta = try #require(object["meta"] as? [String: Any], "\(command): no meta object")
        #expect(meta["version"] is String)
        #expect(object["parameters"] == nil && object["load_seconds"] == nil, "\(command): run details among the data")
        walk(object) { key, value in
          if let text = value as? String {
            #expect(!["inf", "-inf", "nan", "NaN"].contains(text), "\(command): \(key) = \(text)")
            if Self.listKeys.contains(key) { Issue.record("\(command): \(key) is the string \"\(text)\", not an array") }
          }
        }
        if command.first != "info" && command.first != "metrics" {
          #expect(meta["parameters"] is [String: Any], "\(command): meta.parameters")
        }
      }
      // Infinity is the string "Infinity": Angola has no threats, so CR = +∞.
      let gaps = try ws.json("gaps", "--focus", "AGO")
      #expect(try rows(gaps, "nations").first?["cr"] as? String == "Infinity")
    }
  }

  @Test func everyCommandsCSVLoadsWithPandasAsOneTable() throws {
    let python = try Pandas.python.get()
    try withWorkspace { ws throws in
      var files: [String] = []
      for (index, command) in try Self.commands(ws).enumerated() {
        let result = try ws.run(command + ["--format", "csv"])
        #expect(result.status == 0, "\(command): \(result.stderr)")
        files.append(try ws.write("out\(index).csv", result.stdout))
      }
      let five = ws.path("five.txt")
      let summary = try ws.run("strategies", "--group", five, "--draws", "50", "--format", "csv", "--table", "summary")
      #expect(summary.status == 0, "\(summary.stderr)")
      files.append(try ws.write("summary.csv", summary.stdout))
      // A generated .csv edge list has a source,target header, and reads back as a graph.
      let generated = try ws.run("generate", "sbm", "--sizes", "20,20", "--p-in", "0.3", "--p-out", "0.05", "--out", ws.path("sbm.csv"))
      #expect(generated.status == 0, "\(generated.stderr)")
      files.append(ws.path("sbm.csv"))
      let readBack = try ws.run("metrics", ws.path("sbm.csv"), "--metric", "degree", "--format", "csv")
      #expect(readBack.status == 0, "\(readBack.stderr)")
      let checked = try Networkx.run(python, [Pandas.script] + files)
      #expect(checked.status == 0, "\(checked.stderr)")
      #expect(String(decoding: checked.stdout, as: UTF8.self).split(separator: "\n").count == files.count)
      // Booleans are 1/0 and lists are codes joined by ";".
      let gaps = try ws.run("gaps", "--focus", "PAK", "--format", "csv")
      let lines = gaps.stdout.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
      let row = Dictionary(uniqueKeysWithValues: zip(lines[0], lines[1]))
      #expect(row["uncovered"] == "1" || row["uncovered"] == "0")
      #expect(row["threats"]?.split(separator: ";").contains("IND") == true)
      // An unknown table is an error naming the tables there are.
      let bad = try ws.run("gaps", "--format", "csv", "--table", "nosuch")
      #expect(bad.status == 1 && bad.stderr.contains("nations, rollups, single_points_of_failure"), "\(bad.stderr)")
    }
  }

  @Test func quietVersionAndWarningsOnce() throws {
    try withWorkspace { ws throws in
      let loud = try ws.run("gaps", "--top", "3")
      #expect(loud.status == 0)
      #expect(loud.stderr.components(separatedBy: "PSE (Palestine) has no capability").count - 1 == 1, "\(loud.stderr)")
      let quiet = try ws.run("gaps", "--top", "3", "--quiet", "--format", "csv")
      #expect(quiet.status == 0 && quiet.stderr.isEmpty, "\(quiet.stderr)")
      #expect(quiet.stdout.split(separator: "\n").count == 4)
      let error = try ws.run("gaps", "--quiet", "--focus", "Atlantis")
      #expect(error.status == 1 && error.stderr.contains("unknown nation \"Atlantis\""))
      let version = try ws.run("--version")
      #expect(version.status == 0 && version.stdout.hasPrefix("0.1.0"))
    }
  }

  @Test func everyCommandsHelpHasExamples() throws {
    let commands = [
      "info", "metrics", "bench", "convert", "generate kronecker", "generate uniform", "generate grid", "generate ba", "generate sbm", "render", "report",
      "multiplier", "gaps", "whatif", "recommend", "strategies", "model", "similarity", "blocs", "timeline", "backtest coverage",
      "backtest formation", "backtest thesis", "export state-year", "export dyad-year",
    ]
    try withWorkspace { ws throws in
      for command in commands {
        let help = try ws.run(command.split(separator: " ").map(String.init) + ["--help"])
        #expect(help.status == 0, "\(command)")
        #expect(help.stdout.contains("Example"), "\(command) --help has no examples")
      }
      // The command's own options first; the model parameters behind --help-hidden.
      let gaps = try ws.run("gaps", "--help").stdout
      let own = try #require(gaps.range(of: "--threatened-only")), shared = try #require(gaps.range(of: "--year <year>"))
      #expect(own.lowerBound < shared.lowerBound)
      #expect(!gaps.contains("--r-defense") && gaps.contains("--help-hidden"))
      #expect(try ws.run("gaps", "--help-hidden").stdout.contains("--r-defense"))
    }
  }

  @Test func aliasesNearMissesAndNamesAcrossYears() throws {
    try withWorkspace { ws throws in
      func nation(_ arguments: String...) throws -> String? {
        try ws.json(["multiplier", "--quiet"] + arguments)["nation"] as? String
      }
      #expect(try nation("--focus", "Türkiye") == "TUR")
      #expect(try nation("--focus", "turkiye") == "TUR")
      #expect(try nation("--focus", "Soviet Union") == "RUS")
      #expect(try nation("--focus", "USSR") == "RUS")
      let typo = try ws.run("multiplier", "--focus", "Pakstan")
      #expect(typo.status == 1 && typo.stderr.contains("did you mean PAK (Pakistan)?"), "\(typo.stderr)")
      // ATOP/COW years: a name that several states carried resolves to the one in the year,
      // or lists them with their years.
      let data = DatasetCommandTests.referenceExcerpt
      #expect(try nation(data, "--year", "2012", "--focus", "USSR") == "365")
      #expect(try nation(data, "--year", "2012", "--focus", "Vietnam") == "816")
      #expect(try nation(data, "--year", "2012", "--focus", "Côte d'Ivoire") == "437")
      #expect(try nation(data, "--year", "2012", "--focus", "Burma") == "775")
      let korea = try ws.run("multiplier", data, "--year", "2012", "--focus", "Korea")
      #expect(korea.status == 1 && korea.stderr.contains("731 (North Korea") && korea.stderr.contains("732 (South Korea"), "\(korea.stderr)")
      #expect(!korea.stderr.contains("730 (Korea"))
    }
  }

  @Test func paramsRepeatARunExactly() throws {
    try withWorkspace { ws throws in
      let first = try ws.run("gaps", "--top", "3", "--hops", "3", "--common-shock", "--half-distance", "2500", "--format", "json")
      #expect(first.status == 0)
      let saved = try ws.write("run.json", first.stdout)
      let again = try ws.json("gaps", "--top", "3", "--params", saved)
      let before = try #require(try JSONSerialization.jsonObject(with: Data(first.stdout.utf8)) as? [String: Any])
      let p1 = try #require((before["meta"] as? [String: Any])?["parameters"] as? [String: Any])
      let p2 = try #require((again["meta"] as? [String: Any])?["parameters"] as? [String: Any])
      func text(_ p: [String: Any]) -> [String] { p.keys.sorted().map { "\($0)=\(p[$0]!)" } }
      #expect(text(p1) == text(p2))
      #expect(p2["hops"] as? Int == 3 && p2["common_shock"] as? Bool == true && p2["half_distance_km"] as? Int == 2500)
      // The command line overrides the file where it leaves a default.
      let override = try ws.json("gaps", "--top", "3", "--params", saved, "--hops", "4")
      #expect(((override["meta"] as? [String: Any])?["parameters"] as? [String: Any])?["hops"] as? Int == 4)
      try ws.write("bad.json", "{\"hops\": \"three\"}")
      let bad = try ws.run("gaps", "--params", "bad.json")
      #expect(bad.status == 64 && bad.stderr.contains("--params bad.json: hops: expected an integer"), "\(bad.stderr)")
    }
  }

  @Test func interruptExits130AndLeavesNoFile() throws {
    try withWorkspace { ws throws in
      let binary = try #require(CLI.executable)
      let process = Process()
      process.executableURL = binary
      // The report with 2,000 draws per option: minutes in a debug build, written only at the end.
      process.arguments = ["report", "--out", "r.html", "--draws", "2000", "--quiet"]
      process.currentDirectoryURL = ws.url
      process.standardOutput = FileHandle.nullDevice
      process.standardError = FileHandle.nullDevice
      try process.run()
      Thread.sleep(forTimeInterval: 1.5)
      process.interrupt()
      // It should stop at once; never let a missed signal hold the suite for minutes.
      let deadline = Date().addingTimeInterval(30)
      while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.1) }
      if process.isRunning {
        process.terminate()
        Issue.record("the interrupted command was still running 30 s later")
      }
      process.waitUntilExit()
      #expect(process.terminationStatus == 130)
      #expect(try ws.listing().isEmpty)
    }
  }
}

/// A Python that imports pandas, for the CSV check (CI installs python3-pandas).
enum Pandas {
  static let script = DatasetCommandTests.repositoryRoot.appendingPathComponent("scripts/tests/check_csv.py").path

  static let python: Result<String, Networkx.PythonMissing> = {
    var candidates: [String] = []
    if let chosen = ProcessInfo.processInfo.environment["ALLIANCE_PYTHON"], !chosen.isEmpty { candidates.append(chosen) }
    for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") { candidates.append("\(directory)/python3") }
    candidates.append("/usr/bin/python3")
    for candidate in candidates where FileManager.default.isExecutableFile(atPath: candidate) {
      if (try? Networkx.run(candidate, ["-c", "import pandas"]).status) == 0 { return .success(candidate) }
    }
    return .failure(Networkx.PythonMissing(message: "no Python with pandas found; install python3-pandas or set ALLIANCE_PYTHON"))
  }()
}
