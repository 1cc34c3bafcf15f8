import Foundation
import Testing

/// The CLI of reliability per tie and reach (the thesis's `--sensitivity` is tested with
/// `strategies`): `--hops`, `--defense-hops`,
/// `--common-shock`, paths and r in `multiplier --focus`, criticality's `most_affected`,
/// roll-ups without a sum of D.
@Suite struct ReachOptionsCommandTests {
  func rows(_ object: [String: Any], _ key: String) throws -> [[String: Any]] {
    try #require(object[key] as? [[String: Any]], "no \(key) table in \(object.keys.sorted())")
  }

  @Test func hopOptionsAreUsedAndPrinted() throws {
    try withWorkspace { ws throws in
      let direct = try ws.json("gaps", "--focus", "PAK")
      let deeper = try ws.json("gaps", "--focus", "PAK", "--defense-hops", "3", "--hops", "3")
      let p1 = try #require((direct["meta"] as? [String: Any])?["parameters"] as? [String: Any]), p3 = try #require((deeper["meta"] as? [String: Any])?["parameters"] as? [String: Any])
      #expect(p1["defense_hops"] as? Int == 1 && p1["hops"] as? Int == 2)
      #expect(p3["defense_hops"] as? Int == 3 && p3["hops"] as? Int == 3)
      let d1 = try #require(try rows(direct, "nations").first?["d"] as? Double)
      let d3 = try #require(try rows(deeper, "nations").first?["d"] as? Double)
      #expect(d3 >= d1)
      let bad = try ws.run("gaps", "--defense-hops", "0")
      #expect(bad.status == 64)
      #expect(bad.stderr.contains("--defense-hops must lie in 1…10"))
    }
  }

  @Test func multiplierFocusShowsPathAndReliability() throws {
    try withWorkspace { ws throws in
      let out = try ws.json("multiplier", "--focus", "PAK")
      let contributions = try rows(out, "contributions")
      let usa = try #require(contributions.first { $0["nation"] as? String == "USA" })
      #expect(usa["path"] as? String == "PAK>USA")
      let why = try #require(usa["r"] as? String)
      #expect(why.contains("× 0.30 dormant") && why.contains("us-pak"), "\(why)")
      // Every path starts at the focus, and none passes through one of its threats.
      for row in contributions {
        let path = try #require(row["path"] as? String).split(separator: ">").map(String.init)
        #expect(path.first == "PAK")
        #expect(!path.dropFirst().contains { ["IND", "AFG"].contains($0) }, "\(path)")
      }
    }
  }

  @Test func criticalityNeverNamesTheDefectorAsMostAffected() throws {
    try withWorkspace { ws throws in
      let out = try ws.json("whatif", "--criticality")
      let critical = try rows(out, "criticality")
      #expect(!critical.isEmpty)
      for row in critical {
        let nation = row["nation"] as? String
        let affected = row["most_affected"] as? String
        #expect(affected == nil || affected == "" || affected != nation, "\(String(describing: nation))")
      }
    }
  }

  @Test func rollupsNeverAddUpDefense() throws {
    try withWorkspace { ws throws in
      let out = try ws.json("gaps")
      let rollups = try rows(out, "rollups")
      #expect(!rollups.isEmpty)
      for row in rollups {
        #expect(row["d"] == nil && row["cr"] == nil)
        #expect(row["theta"] is Double && row["gap"] is Double && row["uncovered"] is Int)
      }
    }
  }

  @Test func commonShockIsAnOptionAndPrinted() throws {
    try withWorkspace { ws throws in
      let out = try ws.json("gaps", "--focus", "PAK", "--monte-carlo", "--draws", "2000", "--common-shock")
      let parameters = try #require((out["meta"] as? [String: Any])?["parameters"] as? [String: Any])
      #expect(parameters["common_shock"] as? String == "yes" || parameters["common_shock"] as? Bool == true)
      let row = try #require(try rows(out, "nations").first)
      #expect(row["mc_p_covered"] is Double)
    }
  }
}

/// `backtest formation` on one ATOP year (a short fit span keeps it fast).
@Suite struct FormationBacktestCommandTests {
  @Test(.enabled(if: DatasetCommandTests.referenceData != nil, "needs ../shared/data (ATOP, COW)"))
  func formationBacktestReportsRulesWithIntervals() throws {
    try withWorkspace { ws throws in
      let out = try ws.json("backtest", "formation", DatasetCommandTests.referenceData!, "--years", "1985-1985", "--first-year", "1975", "--resamples", "50")
      let rules = try #require(out["rules"] as? [[String: Any]])
      #expect(rules.map { $0["rule"] as? String ?? "" } == ["p_form", "distance_contiguity_logit", "nearest_capitals", "random"])
      for rule in rules {
        let auc = try #require(rule["auc"] as? Double), low = try #require(rule["auc_low"] as? Double), high = try #require(rule["auc_high"] as? Double)
        #expect(low <= auc && auc <= high && (0...1).contains(auc))
      }
      #expect((out["hits"] as? Int ?? 0) > 0 && (out["cases"] as? Int ?? 0) > 1000)
      // A window that ends after the data is refused.
      let late = try ws.run("backtest", "formation", DatasetCommandTests.referenceData!, "--years", "2010-2010")
      #expect(late.status == 1)
      #expect(late.stderr.contains("window ends after the data"))
      // The coverage backtest is still the default subcommand.
      let coverage = try ws.run("backtest", DatasetCommandTests.referenceData!, "--from", "1985", "--to", "2002", "--resamples", "10")
      #expect(coverage.status == 0, "\(coverage.stderr)")
    }
  }
}
