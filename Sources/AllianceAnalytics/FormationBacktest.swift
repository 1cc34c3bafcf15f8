import AllianceModel
import Foundation
import GraphCore

/// One ranked candidate of a focus in a test year: its scores and whether it formed a
/// defense/offense pledge with the focus within K years.
public struct FormationCase: Sendable, Hashable {
  public var year: Int
  /// Network nation indices.
  public var focus: Int
  public var candidate: Int
  public var pForm: Double
  public var baselineLogit: Double
  public var distance: Double
  public var hit: Bool
}

/// Scores of one ranking rule over the cases, with 95% intervals from a bootstrap over
/// focal nations (clusters).
public struct RankingScore: Sendable, Hashable {
  public var rule: String
  public var precisionAt5: Estimate
  public var precisionAt10: Estimate
  public var auc: Estimate
  /// The rule's ROC curve over all cases (``ScoreCurves/roc(_:_:maxPoints:)``), for plots.
  public var roc: [ROCPoint] = []
}

/// Does p_form predict who allies? (DESIGN §6, evidence from history: *formation*.)
public struct FormationBacktestResult: Sendable {
  public var years: [Int]
  public var horizon: Int
  public var cases: Int
  public var hits: Int
  public var foci: Int
  public var scores: [RankingScore]
  /// Brier score of p_form over the cases.
  public var brier: Double
  /// Deciles of p_form: mean p_form, hit rate, cases.
  public var calibration: [(meanP: Double, rate: Double, count: Int)]
  /// Per test year: cases, hits, AUC and precision@5 of p_form.
  public var byYear: [(year: Int, cases: Int, hits: Int, auc: Double, precisionAt5: Double)]
  /// The recommender's own precision@5 (greedy by p_form × value), when computed.
  public var recommenderPrecisionAt5: Estimate?
  /// Average precision of p_form over all cases.
  public var prAUC: Double = .nan
  /// AUC of p_join on accessions (``FormationBacktest/accessionCases``), when computed.
  public var accessionAUC: Double? = nil
  public var accessionCases = 0
}

public enum FormationBacktest {
  /// Cases for each test year Y (K = the model's horizon): the model is fitted for Y with no
  /// look-ahead; foci are the nations with capability and capital; candidates those of
  /// `recommend` (not a threat, no pledge with the focus, compatible with its camp); a hit
  /// is a defense/offense pledge in some year Y+1 … Y+K. O(years · (fit + n² · n/64)).
  /// - Throws: ``LogisticFitError`` when a year has no complete window or the fit fails.
  public static func cases(
    _ network: AllianceNetwork, years: [Int], options: FormationOptions = FormationOptions(),
    parameters: ModelParameters = ModelParameters(),
    recommenderPicks: Int = 0, threads: Int = 1
  ) throws(LogisticFitError) -> (cases: [FormationCase], recommender: [(year: Int, focus: Int, hits: Int)]) {
    guard let table = network.dyadYears, table.count > 0 else {
      throw LogisticFitError("\(network.metadata.name) has no dyad-year history")
    }
    let defenseMask = UInt8(TieTypeSet([.defense, .offense]).rawValue)
    for year in years where year + options.horizon > table.lastYear {
      throw LogisticFitError(
        "test year \(year): its \(options.horizon)-year window ends after the data (\(table.lastYear))")
    }
    var all: [FormationCase] = []
    var recommended: [(year: Int, focus: Int, hits: Int)] = []
    var failure: LogisticFitError?
    // Test years are independent: one per thread, merged in year order.
    ParallelLoop.run(count: years.count, threads: threads) {
      range -> Result<([FormationCase], [(year: Int, focus: Int, hits: Int)]), LogisticFitError> in
      var all: [FormationCase] = []
      var recommended: [(year: Int, focus: Int, hits: Int)] = []
      for year in range.map({ years[$0] }) {
        do {
          var sample = try FormationFitter.sample(
            for: year, network: network, options: options, disputeWindow: parameters.disputeWindow)
          let fit = try LogisticRegression.fit(
            x: sample.x, y: sample.y, weights: sample.w, names: FormationFeatures.names, penalty: options.penalty)
          let model = FormationModel(
            fit: fit, options: options, firstYear: sample.firstYear, lastYear: sample.lastYear,
            dataset: network.metadata.name, checksum: "")
          // The distance-and-contiguity logit, fitted on the same sample.
          let p = FormationFeatures.names.count
          var reduced: [Double] = []
          for r in 0..<sample.rows { reduced.append(contentsOf: sample.x[(r * p)..<(r * p + 3)]) }
          sample.x = []
          let baseline = try LogisticRegression.fit(
            x: reduced, y: sample.y, weights: sample.w, names: Array(FormationFeatures.names.prefix(3)),
            penalty: options.penalty)
          var formed = Set<UInt64>()
          for y in (year + 1)...(year + options.horizon) {
            for row in table.rows(in: y) where table.mask[row] & defenseMask != 0 {
              formed.insert(UInt64(min(table.a[row], table.b[row])) << 32 | UInt64(max(table.a[row], table.b[row])))
            }
          }
          guard
            let snapshot = try? YearSnapshot(
              network: network, year: year, options: SnapshotOptions(disputeWindow: parameters.disputeWindow))
          else { continue }
          let strategic = StrategicNetwork(snapshot: snapshot, network: network)
          let context = FormationContext(strategic)
          let n = strategic.nodeCount
          for i in 0..<n where strategic.capabilityKnown[i] && snapshot.latitude[i].isFinite {
            for j in AllyRecommender.pool(focus: i, in: strategic)
            where AllyRecommender.incompatibility(j, focus: i, chosen: [], in: strategic).isEmpty {
              let a = strategic.nationIndex[i], b = strategic.nationIndex[j]
              let key = UInt64(min(a, b)) << 32 | UInt64(max(a, b))
              let row = FormationFeatures.row(i, j, in: context)
              all.append(
                FormationCase(
                  year: year, focus: a, candidate: b, pForm: model.fit.probability(row),
                  baselineLogit: baseline.probability(Array(row.prefix(3))),
                  distance: strategic.distance[i * n + j], hit: formed.contains(key)))
            }
            if recommenderPicks > 0 {
              let recommender = AllyRecommender(
                PartnerSearch(strategic, focus: i, parameters: parameters), network: strategic, model: model)
              let picks = recommender.recommend(count: recommenderPicks)
              let hits = picks.filter { pick in
                let a = strategic.nationIndex[i], b = strategic.nationIndex[pick.partner]
                return formed.contains(UInt64(min(a, b)) << 32 | UInt64(max(a, b)))
              }.count
              recommended.append((year, strategic.nationIndex[i], hits))
            }
          }
        } catch let error as LogisticFitError {
          return .failure(error)
        } catch {
          return .failure(LogisticFitError("\(error)"))
        }
      }
      return .success((all, recommended))
    } merge: { part in
      switch part {
      case .success(let (cases, picks)):
        all += cases
        recommended += picks
      case .failure(let error): failure = failure ?? error
      }
    }
    if let failure { throw failure }

    return (all, recommended)
  }

  /// The rules: p_form, the distance-and-contiguity logit, the nearest capitals, and a
  /// random order (a hash of the pair and year). Precision@k is averaged over the foci with
  /// at least k candidates; AUC is over all cases. Intervals: `resamples` bootstrap draws of
  /// focal nations (all their years and candidates together).
  public static func evaluate(
    _ cases: [FormationCase], recommender: [(year: Int, focus: Int, hits: Int)] = [], years: [Int], horizon: Int,
    resamples: Int = 1000, seed: UInt64 = 1
  ) -> FormationBacktestResult {
    let rules: [(String, (FormationCase) -> Double)] = [
      ("p_form", { $0.pForm }), ("distance_contiguity_logit", { $0.baselineLogit }),
      ("nearest_capitals", { $0.distance.isFinite ? -$0.distance : -.infinity }),
      ("random", { FormationFitter.unitHash($0.focus, $0.candidate, $0.year) }),
    ]
    // Cases grouped by (year, focus); the bootstrap draws focal nations (clusters) and weighs
    // every case by its nation's multiplicity, so each resample is O(cases).
    var groupIndex: [Int64: Int] = [:]
    var groupFocus: [Int] = [], groupYear: [Int] = [], groupMembers: [[Int]] = []
    for (k, c) in cases.enumerated() {
      let key = Int64(c.year) << 32 | Int64(c.focus)
      if groupIndex[key] == nil {
        groupIndex[key] = groupMembers.count
        groupFocus.append(c.focus)
        groupYear.append(c.year)
        groupMembers.append([])
      }
      groupMembers[groupIndex[key]!].append(k)
    }
    let nations = Array(Set(groupFocus)).sorted()
    let slot = Dictionary(uniqueKeysWithValues: nations.enumerated().map { ($1, $0) })
    var random = RandomStream(seed: seed, stream: 0xF0A)
    var weightsPerDraw: [[Double]] = []
    for _ in 0..<resamples {
      var m = [Double](repeating: 0, count: nations.count)
      for _ in 0..<nations.count { m[Int(random.below(UInt64(max(1, nations.count))))] += 1 }
      weightsPerDraw.append(m)
    }
    let ones = [Double](repeating: 1, count: nations.count)
    func interval(_ value: Double, _ samples: [Double]) -> Estimate {
      let sorted = samples.filter(\.isFinite).sorted()
      return Estimate(value: value, low: MonteCarlo.quantile(sorted, 0.025), high: MonteCarlo.quantile(sorted, 0.975))
    }
    var scores: [RankingScore] = []
    for (name, rule) in rules {
      let score = cases.map(rule)
      // Hits among each group's top k (groups with fewer than k candidates are left out).
      func topHits(_ k: Int) -> [Double?] {
        groupMembers.map { members in
          guard members.count >= k else { return nil }
          let top = members.sorted {
            score[$0] != score[$1] ? score[$0] > score[$1] : cases[$0].candidate < cases[$1].candidate
          }.prefix(k)
          return Double(top.filter { cases[$0].hit }.count) / Double(k)
        }
      }
      let top5 = topHits(5), top10 = topHits(10)
      func precision(_ top: [Double?], _ m: [Double]) -> Double {
        var total = 0.0, weight = 0.0
        for (g, value) in top.enumerated() {
          guard let value else { continue }
          let w = m[slot[groupFocus[g]]!]
          total += w * value
          weight += w
        }
        return weight > 0 ? total / weight : .nan
      }
      let order = cases.indices.sorted { score[$0] < score[$1] }
      // In score order: each case's nation slot, hit and whether it ties the next (arrays, so
      // a resample is one pass without lookups).
      let orderedSlot = order.map { slot[cases[$0].focus]! }, orderedHit = order.map { cases[$0].hit }
      let tiesNext = order.indices.map { $0 + 1 < order.count && score[order[$0 + 1]] == score[order[$0]] }
      func auc(_ m: [Double]) -> Double {
        var negativesBelow = 0.0, positives = 0.0, negatives = 0.0, sum = 0.0, index = 0
        while index < order.count {
          var end = index
          while tiesNext[end] { end += 1 }
          var tiedPositive = 0.0, tiedNegative = 0.0
          for k in index...end {
            let w = m[orderedSlot[k]]
            if orderedHit[k] { tiedPositive += w } else { tiedNegative += w }
          }
          sum += tiedPositive * (negativesBelow + 0.5 * tiedNegative)
          negativesBelow += tiedNegative
          positives += tiedPositive
          negatives += tiedNegative
          index = end + 1
        }
        return positives > 0 && negatives > 0 ? sum / (positives * negatives) : .nan
      }
      scores.append(
        RankingScore(
          rule: name, precisionAt5: interval(precision(top5, ones), weightsPerDraw.map { precision(top5, $0) }),
          precisionAt10: interval(precision(top10, ones), weightsPerDraw.map { precision(top10, $0) }),
          auc: interval(auc(ones), weightsPerDraw.map(auc)), roc: ScoreCurves.roc(score, cases.map(\.hit))))
    }
    var recommenderEstimate: Estimate?
    if !recommender.isEmpty {
      var byNation: [Int: [Int]] = [:]
      for (k, r) in recommender.enumerated() { byNation[r.focus, default: []].append(k) }
      func rate(_ sample: [Int]) -> Double {
        let rows = sample.flatMap { byNation[$0] ?? [] }
        return rows.isEmpty ? .nan : Double(rows.map { recommender[$0].hits }.reduce(0, +)) / Double(5 * rows.count)
      }
      let draws: [[Int]] = weightsPerDraw.map { m in
        m.enumerated().flatMap { Array(repeating: nations[$0.offset], count: Int($0.element)) }
      }
      recommenderEstimate = interval(rate(nations), draws.map(rate))
    }
    let brier =
      cases.isEmpty
      ? .nan
      : cases.map { ($0.pForm - ($0.hit ? 1 : 0)) * ($0.pForm - ($0.hit ? 1 : 0)) }.reduce(0, +) / Double(cases.count)
    let byP = cases.indices.sorted { cases[$0].pForm < cases[$1].pForm }
    var calibration: [(Double, Double, Int)] = []
    for d in 0..<10 {
      let slice = byP[(d * byP.count / 10)..<((d + 1) * byP.count / 10)]
      guard !slice.isEmpty else { continue }
      calibration.append(
        (
          slice.map { cases[$0].pForm }.reduce(0, +) / Double(slice.count),
          Double(slice.filter { cases[$0].hit }.count) / Double(slice.count), slice.count
        ))
    }
    var byYear: [(Int, Int, Int, Double, Double)] = []
    for year in years {
      let indices = cases.indices.filter { cases[$0].year == year }
      var hits5 = 0.0, groups5 = 0
      for (g, members) in groupMembers.enumerated() where groupYear[g] == year && members.count >= 5 {
        let top = members.sorted {
          cases[$0].pForm != cases[$1].pForm
            ? cases[$0].pForm > cases[$1].pForm : cases[$0].candidate < cases[$1].candidate
        }.prefix(5)
        hits5 += Double(top.filter { cases[$0].hit }.count) / 5
        groups5 += 1
      }
      byYear.append(
        (
          year, indices.count, indices.filter { cases[$0].hit }.count,
          rankAUC(indices.map { cases[$0].pForm }, indices.map { cases[$0].hit }),
          groups5 > 0 ? hits5 / Double(groups5) : .nan
        ))
    }
    var result = FormationBacktestResult(
      years: years, horizon: horizon, cases: cases.count, hits: cases.filter(\.hit).count, foci: nations.count,
      scores: scores, brier: brier,
      calibration: calibration, byYear: byYear, recommenderPrecisionAt5: recommenderEstimate)
    result.prAUC = averagePrecision(cases.map(\.pForm), cases.map(\.hit))
    return result
  }

  /// Average precision (the area under the precision–recall curve as a step function):
  /// Σ over tie groups in descending score of (positives in the group) × (precision after
  /// the group), over all positives; NaN without a positive. O(n log n).
  public static func averagePrecision(_ scores: [Double], _ labels: [Bool]) -> Double {
    let order = scores.indices.sorted { scores[$0] > scores[$1] }
    let positives = labels.filter { $0 }.count
    guard positives > 0 else { return .nan }
    var seen = 0, hits = 0, sum = 0.0, index = 0
    while index < order.count {
      var end = index
      while end + 1 < order.count && scores[order[end + 1]] == scores[order[index]] { end += 1 }
      let groupHits = (index...end).filter { labels[order[$0]] }.count
      seen += end - index + 1
      hits += groupHits
      sum += Double(groupHits) * Double(hits) / Double(seen)
      index = end + 1
    }
    return sum / Double(positives)
  }

  /// p_join on ATOP accessions: for each test year the accession model fitted with no
  /// look-ahead (alliance-years y ≤ Y − K), applied to every eligible non-member without a
  /// threat among the members of each treaty in force after its founding year; a hit is an
  /// entry within Y+1 … Y+K. Returns (score, hit) pairs. O(years · (fit + alliances · n · members)).
  public static func accessionCases(
    _ network: AllianceNetwork, years: [Int], options: FormationOptions = FormationOptions(), disputeWindow: Int = 10
  ) throws(LogisticFitError) -> [(score: Double, hit: Bool)] {
    var result: [(Double, Bool)] = []
    for year in years {
      let model = try AccessionFitter.model(for: year, network: network, options: options, disputeWindow: disputeWindow)
      guard
        let snapshot = try? YearSnapshot(
          network: network, year: year, options: SnapshotOptions(disputeWindow: disputeWindow))
      else { continue }
      let strategic = StrategicNetwork(snapshot: snapshot, network: network)
      let context = FormationContext(strategic)
      for alliance in strategic.alliances where alliance.members.count >= 2 {
        guard let index = network.alliances.firstIndex(where: { $0.id == alliance.id }),
          network.alliances[index].span.start < year
        else { continue }
        for i in 0..<strategic.nodeCount where !alliance.members.contains(i) {
          guard
            AccessionRules.isEligible(
              i, alliance: alliance, allianceIndex: index, strategic: strategic, network: network),
            !alliance.members.contains(where: { strategic.isThreat(i, $0) })
          else { continue }
          let nation = strategic.nationIndex[i]
          let joins = network.alliances[index].members.contains {
            $0.nation == nation && $0.span.start > year && $0.span.start <= year + options.horizon
          }
          result.append(
            (model.fit.probability(AccessionFeatures.row(i, members: alliance.members, in: context)), joins))
        }
      }
    }
    return result
  }

  /// ROC AUC (Mann–Whitney, ties one half); NaN without both classes. O(n log n).
  public static func rankAUC(_ scores: [Double], _ labels: [Bool]) -> Double {
    let order = scores.indices.sorted { scores[$0] < scores[$1] }
    var positives = 0, negatives = 0, rankSum = 0.0, index = 0
    while index < order.count {
      var end = index
      while end + 1 < order.count && scores[order[end + 1]] == scores[order[index]] { end += 1 }
      let rank = Double(index + end) / 2 + 1
      for k in index...end {
        if labels[order[k]] {
          positives += 1
          rankSum += rank
        } else {
          negatives += 1
        }
      }
      index = end + 1
    }
    guard positives > 0 && negatives > 0 else { return .nan }
    return (rankSum - Double(positives) * Double(positives + 1) / 2) / (Double(positives) * Double(negatives))
  }
}
