import Foundation
import Testing

/// The analytics commands on the built-in dataset and on an ATOP year: outputs, parameters
/// in every format, and error paths.
@Suite struct AnalyticsCommandTests {
  static var referenceData: String? { DatasetCommandTests.referenceData }

  func rows(_ object: [String: Any], _ key: String) throws -> [[String: Any]] {
    try #require(object[key] as? [[String: Any]], "no \(key) table in \(object.keys.sorted())")
  }

  @Test func multiplierHasNationNameAndDesignColumns() throws {
    try withWorkspace { ws throws in
      let out = try ws.json("multiplier", "--group", "oic")
      let nations = try rows(out, "nations")
      #expect(nations.count == 57)
      let pakistan = try #require(nations.first { $0["nation"] as? String == "PAK" })
      #expect(pakistan["name"] as? String == "Pakistan")
      let e = try #require(pakistan["e"] as? Double), c = try #require(pakistan["capability"] as? Double)
      #expect(abs(try #require(pakistan["fm"] as? Double) - e / c) <= 1e-9 * e / c)
      // Palestine has no capability: FM undefined (null), E still reported.
      let palestine = try #require(nations.first { $0["nation"] as? String == "PSE" })
      #expect(palestine["fm"] is NSNull)
      #expect(palestine["e"] is Double)
      let parameters = try #require((out["meta"] as? [String: Any])?["parameters"] as? [String: Any])
      #expect(parameters["hops"] as? Int == 2)
      #expect(parameters["defense_hops"] as? Int == 1)
      #expect(parameters["r_defense"] as? Double == 0.75)
    }
  }

  @Test func csvStaysCleanAndInfinityIsWrittenInf() throws {
    try withWorkspace { ws throws in
      let result = try ws.run("gaps", "--format", "csv")
      #expect(result.status == 0, "\(result.stderr)")
      let lines = result.stdout.split(separator: "\n")
      #expect(lines.first?.hasPrefix("nation,name,capability,capability_year,theta,d,cr,gap,uncovered") == true)
      #expect(!result.stdout.contains("parameters"))
      #expect(result.stderr.contains("parameters: r_defense=0.75"))
      // A nation without threats has CR = inf.
      #expect(lines.contains { $0.contains(",inf,") })
    }
  }

  @Test func parametersAreOverridableAndChangeResults() throws {
    try withWorkspace { ws throws in
      let base = try rows(try ws.json("gaps", "--focus", "PAK"), "nations")[0]
      let strict = try rows(try ws.json("gaps", "--focus", "PAK", "--r-defense", "0.3", "--hops", "1"), "nations")[0]
      #expect(try #require(strict["d"] as? Double) < (try #require(base["d"] as? Double)))
      let bad = try ws.run("gaps", "--r-defense", "1.5")
      #expect(bad.status == 64)
      #expect(bad.stderr.contains("--r-defense must lie in [0, 1]"))
    }
  }

  @Test func monteCarloColumnsAreOrdered() throws {
    try withWorkspace { ws throws in
      let row = try rows(try ws.json("gaps", "--focus", "Pakistan", "--monte-carlo", "--draws", "2000"), "nations")[0]
      let p10 = try #require(row["mc_p10_e"] as? Double), p50 = try #require(row["mc_p50_e"] as? Double)
      let p90 = try #require(row["mc_p90_e"] as? Double)
      #expect(p10 <= p50 && p50 <= p90)
      let covered = try #require(row["mc_p_covered"] as? Double)
      #expect((0...1).contains(covered))
    }
  }

  @Test func whatIfDefectionRaisesGapsAndCriticalityRanks() throws {
    try withWorkspace { ws throws in
      let out = try ws.json("whatif", "--defect", "USA", "--criticality")
      #expect(try #require(out["total_gap_change"] as? Double) >= 0)
      let critical = try rows(out, "criticality")
      #expect(critical.count == 154)
      let gaps = critical.map { $0["gap_increase"] as? Double ?? -1 }
      #expect(gaps == gaps.sorted(by: >))
      let scenario = try ws.write("scenario.txt", "# a test\ndefect USA\nadd-tie PAK,TUR,defense\n")
      let fromFile = try ws.json("whatif", "--scenario", scenario)
      #expect((fromFile["changes"] as? [String])?.contains("USA defects") == true)
      _ = try ws.write("bad.txt", "defect Atlantis\n")
      let bad = try ws.run("whatif", "--scenario", "bad.txt")
      #expect(bad.status == 1)
      #expect(bad.stderr.contains("bad.txt:1: defect: unknown nation \"Atlantis\""), "\(bad.stderr)")
    }
  }

  @Test func recommendAndStrategiesForAFocusAndTheOIC() throws {
    try withWorkspace { ws throws in
      let recommend = try ws.json("recommend", "--focus", "Pakistan", "--count", "3")
      let picks = try rows(recommend, "recommendations")
      #expect(picks.count == 3)
      #expect(picks.allSatisfy { ($0["why"] as? String)?.isEmpty == false })
      // Pakistan may join no major alliance: no verdict, a reason, and the NATO comparison.
      let strategies = try ws.json("strategies", "--focus", "PAK", "--draws", "200")
      #expect(strategies["verdict"] is NSNull)
      #expect((strategies["reason"] as? String)?.hasPrefix("no alliance option") == true)
      #expect(["yes", "no", "undecided"].contains(strategies["vs_nato_verdict"] as? String ?? ""))
      let options = try rows(strategies, "options")
      #expect(options.contains { $0["kind"] as? String == "bilateral" })
      #expect(options.contains { $0["option"] as? String == "as if a member of NATO" })
      #expect(options.contains { $0["option"] as? String == "as if a member of ANZUS" })
      #expect(!options.contains { $0["kind"] as? String == "join" })
      // The group table: its header exactly, one row per member, counts that add up. (A
      // five-member group: the whole OIC takes a minute in a debug build; `make demo` runs it.)
      let five = try ws.write("five.txt", "nation\nPAK\nTUR\nKAZ\nPSE\nSAU\n")
      let csv = try ws.run("strategies", "--group", five, "--format", "csv", "--draws", "100")
      #expect(csv.status == 0)
      let lines = csv.stdout.split(separator: "\n")
      #expect(lines.first == "nation,name,threatened,best_partnership,partners,partnership_value,best_alliance,alliance_value,verdict,p_yes,reason,vs_nato_verdict,vs_nato_p_yes")
      #expect(lines.count == 6)  // Palestine too, with an empty verdict and its reason
      #expect(csv.stderr.contains("other tables: summary"), "\(csv.stderr)")
      let summary = try ws.run("strategies", "--group", five, "--format", "csv", "--table", "summary", "--draws", "100")
      #expect(summary.stdout.split(separator: "\n").first?.split(separator: ",").contains("no_verdict") == true, "\(summary.stdout)")
      let group = try ws.json("strategies", "--group", five, "--draws", "100")
      let members = try rows(group, "members")
      #expect(members.count == 5)
      let counts = try ["yes", "no", "undecided", "no_verdict"].map { try #require(group[$0] as? Int) }
      #expect(counts.reduce(0, +) == 5)
      for member in members {
        let verdict = member["verdict"] as? String ?? ""
        #expect(["yes", "no", "undecided", ""].contains(verdict))
        if verdict.isEmpty { #expect((member["reason"] as? String)?.isEmpty == false) } else { #expect(member["p_yes"] is Double) }
      }
      let byNation = Dictionary(uniqueKeysWithValues: members.map { ($0["nation"] as? String ?? "", $0) })
      // Turkey's alliance option is the NATO membership it holds; Kazakhstan's the CSTO's;
      // Pakistan may join none; Palestine has no capability data.
      #expect(byNation["TUR"]?["best_alliance"] as? String == "NATO")
      #expect(byNation["KAZ"]?["best_alliance"] as? String == "CSTO")
      #expect(byNation["PAK"]?["verdict"] is NSNull)
      #expect(byNation["PSE"]?["reason"] as? String == "no capability data")
      // --top 2: the two members whose alliance option is worth most; the counts still cover all five.
      let top = try ws.json("strategies", "--group", five, "--draws", "100", "--top", "2")
      let topMembers = try rows(top, "members")
      let worth = members.compactMap { $0["alliance_value"] as? Double }.sorted(by: >)
      #expect(topMembers.count == 2 && topMembers.compactMap { $0["alliance_value"] as? Double } == Array(worth.prefix(2)))
      #expect(try ["yes", "no", "undecided", "no_verdict"].map { try #require(top[$0] as? Int) } == counts)
      #expect(try ws.run("strategies", "--focus", "PAK", "--top", "2").status == 64)
      // --sensitivity: per prior, the counts at the low and high end of its range.
      let sensitivity = try ws.json("strategies", "--focus", "KAZ", "--draws", "50", "--sensitivity")
      let grid = try rows(sensitivity, "sensitivity")
      #expect(grid.count == 2 * 14)
      #expect(grid.allSatisfy { row in ["yes", "no", "undecided", "no_verdict"].map { row[$0] as? Int ?? 0 }.reduce(0, +) == 1 })
      #expect(Set(grid.map { $0["parameter"] as? String ?? "" }).contains("delta_exercise_training"))
    }
  }

  @Test func incompatiblePartnersAreLeftOutUnlessAnyPartner() throws {
    try withWorkspace { ws throws in
      // Pakistan's defense partners include the United States, whose threats include China.
      let compatible = try ws.json("recommend", "--focus", "PAK", "--count", "3", "--rank-by", "value")
      let picks = try rows(compatible, "recommendations")
      #expect(picks.count == 3)
      #expect(!picks.contains { $0["nation"] as? String == "CHN" })
      #expect(((compatible["meta"] as? [String: Any])?["parameters"] as? [String: Any])?["compatible_partners"] as? Bool == true)
      let open = try rows(try ws.json("recommend", "--focus", "PAK", "--count", "3", "--rank-by", "value", "--any-partner"), "recommendations")
      let china = try #require(open.first { $0["nation"] as? String == "CHN" })
      #expect((china["why"] as? String)?.contains("incompatible: a threat of United States, a defense partner of Pakistan") == true, "\(china)")
    }
  }

  @Test func recommendHasTheModelColumnsAndExplainsTheModel() throws {
    try withWorkspace { ws throws in
      let result = try ws.run("recommend", "--focus", "Malaysia", "--format", "csv", "--explain-model")
      #expect(result.status == 0, "\(result.stderr)")
      #expect(result.stdout.hasPrefix("rank,nation,name,p_form,gap_reduction,fm_gain,threats_brought,value,expected_value,path,why\n"))
      #expect(result.stderr.contains("other tables:"), "\(result.stderr)")
      let table = try ws.run("recommend", "--focus", "Malaysia", "--explain-model")
      #expect(table.stdout.contains("Formation model (dataset)") && table.stdout.contains("Accession model p_join"))
      let out = try ws.json("recommend", "--focus", "Malaysia")
      let picks = try rows(out, "recommendations")
      #expect(picks.allSatisfy { ($0["p_form"] as? Double).map { (0...1).contains($0) } ?? false })
      // Ranked by expected value, each row's expected value is p_form × value.
      for row in picks {
        let p = try #require(row["p_form"] as? Double), v = try #require(row["value"] as? Double), e = try #require(row["expected_value"] as? Double)
        #expect(abs(e - p * v) <= 1e-9 * max(1, abs(e)))
      }
      #expect(out["model_fit_years"] as? String == "1816–2008")
      let alliances = try rows(out, "alliances")
      #expect(alliances.contains { $0["alliance"] as? String == "nato" && $0["p_join"] as? Double == 0 && $0["why"] as? String == "not eligible" })
    }
  }

  @Test func similarityBlocsAndTimelineOnTheCuratedDataset() throws {
    try withWorkspace { ws throws in
      let similarity = try rows(try ws.json("similarity", "--focus", "Turkey", "--top", "5"), "pairs")
      #expect(similarity.count == 5)
      let values = similarity.map { $0["s"] as? Double ?? 2 }
      #expect(values == values.sorted(by: >) && values.allSatisfy { (-1...1).contains($0) })
      let blocs = try ws.json("blocs")
      #expect((blocs["blocs"] as? Int ?? 0) >= 2)
      #expect(blocs["polarization"] is Double)
      let timeline = try rows(try ws.json("timeline", "--from", "2000", "--to", "2005", "--focus", "PAK", "--metric", "fm,cr"), "years")
      #expect(timeline.map { $0["year"] as? Int ?? 0 } == Array(2000...2005))
    }
  }

  @Test func errorsNameTheProblem() throws {
    try withWorkspace { ws throws in
      let cases: [([String], String)] = [
        (["multiplier", "--focus", "Atlantis"], "unknown nation \"Atlantis\""),
        (["gaps", "--year", "1800"], "year 1800 is outside the data"),
        (["recommend", "--focus", "Palestine"], "has no capability data"),
        (["whatif", "--drop-alliance", "nosuch"], "no alliance \"nosuch\" in force"),
        (["backtest", "--from", "2000", "--to", "2001"], "no militarized-dispute data"),
      ]
      for (arguments, message) in cases {
        let result = try ws.run(arguments)
        #expect(result.status == 1, "\(arguments): \(result.status)")
        #expect(result.stderr.contains(message), "\(arguments): \(result.stderr)")
        #expect(result.stdout.isEmpty)
      }
      let usage = try ws.run("strategies")
      #expect(usage.status == 64)
      #expect(usage.stderr.contains("--focus NATION or --group NAME"))
    }
  }

  @Test(.enabled(if: referenceData != nil, "../shared/data is absent: ATOP analytics CLI test skipped"))
  func commandsRunOnAnATOPYear() throws {
    let data = try #require(Self.referenceData)
    try withWorkspace { ws throws in
      let gaps = try ws.json("gaps", data, "--year", "1962", "--threatened-only")
      #expect(try !rows(gaps, "nations").isEmpty)
      // ATOP eligibility by region shares: no Gulf state, Jordan or Guyana is offered NATO;
      // Turkey holds it.
      let gulf = try ws.write("gulf.txt", "690\n692\n698\n663\n110\n640\n")
      let strategies = try ws.json("strategies", data, "--year", "2010", "--group", gulf, "--draws", "100")
      let members = try rows(strategies, "members")
      #expect(members.count == 6)
      for member in members {
        let holdsNATO = member["nation"] as? String == "640"
        #expect((member["best_alliance"] as? String == "NATO") == holdsNATO, "\(member)")
      }
      let backtest = try ws.json("backtest", data, "--from", "1990", "--to", "2000", "--window", "5", "--resamples", "200")
      let lift = try #require(backtest["lift"] as? Double)
      #expect(lift > 0)
      #expect(try #require(backtest["lift_low"] as? Double) <= lift)
      // The thesis on history: pooled values top-level, the tables the issue names.
      let thesis = try ws.json("backtest", "thesis", data, "--from", "1960", "--to", "1980", "--window", "5", "--resamples", "20")
      let or = try #require(thesis["odds_ratio"] as? Double)
      #expect(or > 0 && (thesis["odds_ratio_low"] as? Double ?? .nan) <= or && or <= (thesis["odds_ratio_high"] as? Double ?? .nan))
      #expect(thesis["matched_odds_ratio"] is Double)
      #expect(["as_effective", "less_effective", "more_effective", "inconclusive"].contains(thesis["conclusion"] as? String ?? ""))
      #expect(try rows(thesis, "rates").map { $0["class"] as? String ?? "" }.prefix(3) == ["none", "small", "multilateral"])
      #expect(try rows(thesis, "outcomes").map { $0["outcome"] as? String ?? "" } == ["targeted", "fatal", "war"])
      #expect(try rows(thesis, "by_era").count == 1 && rows(thesis, "oic").count == 1)
      let disputesOnly = try ws.json("backtest", "thesis", data, "--from", "1960", "--to", "1980", "--window", "5", "--resamples", "20", "--threats", "disputes")
      #expect(try #require(disputesOnly["observations"] as? Int) < (try #require(thesis["observations"] as? Int)))
      let tooLate = try ws.run("backtest", data, "--from", "2000", "--to", "2010", "--window", "10")
      #expect(tooLate.status == 1)
      #expect(tooLate.stderr.contains("the data ends in 2014"))
      // Out of sample: the baseline logit, the full model with coverage, their difference.
      let fit = try ws.json("backtest", data, "--fit", "1960-1975", "--test", "1981-1995", "--window", "5", "--resamples", "100")
      for key in ["auc", "baseline_auc", "auc_gain", "auc_gain_low", "auc_gain_high", "lift", "lift_low", "lift_high", "cr_auc"] {
        #expect(fit[key] is Double, "\(key)")
      }
      #expect(fit["test_years"] as? String == "1981-1995")
      #expect(try rows(fit, "by_quartile").count == 4)
      #expect(try rows(fit, "coefficients").contains { $0["feature"] as? String == "log_d_over_c" })
      #expect(try rows(fit, "fitted_parameters").count == 6)
      let overlapping = try ws.run("backtest", data, "--fit", "1960-1975", "--test", "1978-1995", "--window", "5")
      #expect(overlapping.status == 1)
      #expect(overlapping.stderr.contains("must start after 1980"), "\(overlapping.stderr)")
    }
  }
}
