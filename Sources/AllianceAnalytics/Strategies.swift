import AllianceModel

/// A candidate's effect as a new defense partner of the focal nation.
public struct PartnerPick: Sendable, Hashable {
  public var partner: Int
  /// Reduction of the focal gap G and gain in FM (and E) over the state before this pick.
  public var gapReduction: Double
  public var fmGain: Double
  public var eGain: Double
  /// Interoperability already built with the focus (cooperation channels), a tie-breaker.
  public var kappa: Double
  /// Alliance-portfolio similarity with the focus, a tie-breaker.
  public var similarity: Double
  /// Capital distance in km (NaN when unknown).
  public var distance: Double
  /// The focal score after this pick (cumulative).
  public var after: FocalScore
}

/// One strategy for the focal nation.
public struct StrategyOption: Sendable, Hashable {
  public enum Kind: String, Sendable { case bilateral, trilateral, alliance }
  public var kind: Kind
  /// `1 bilateral`, `2 bilateral`, …, `trilateral`, or the alliance's name.
  public var label: String
  public var partners: [Int]
  public var allianceID: String?
  public var gapReduction: Double
  public var fmGain: Double
  public var after: FocalScore

  /// Ordered by gap reduction, then FM gain.
  public func isBetter(than other: StrategyOption) -> Bool {
    if abs(gapReduction - other.gapReduction) > 1e-12 * max(1, abs(other.gapReduction)) { return gapReduction > other.gapReduction }
    return fmGain > other.fmGain
  }
}

/// Bilateral and trilateral partnerships against joining each multilateral alliance.
public struct StrategyComparison: Sendable {
  public var focus: Int
  public var base: FocalScore
  public var threatened: Bool
  /// Best 1, 2 and 3 bilateral partners (greedy).
  public var bilateral: [StrategyOption]
  public var trilateral: StrategyOption?
  /// Joining each multilateral alliance in force the focus is not in, best first.
  public var alliances: [StrategyOption]
  /// The better of the best 3 bilateral partners and the best trilateral pair.
  public var bestPartnership: StrategyOption?
  /// The alliance with the largest gap reduction (then FM gain).
  public var bestAlliance: StrategyOption?
  /// Whether the partnership reaches the alliance's gap reduction and FM gain (FM gain alone
  /// without threats); `nil` when there is no alliance to join or no partner to add.
  public var verdict: Bool?

  /// The verdict's reason in words.
  public var reason: String {
    guard let partnership = bestPartnership, let alliance = bestAlliance else {
      return bestAlliance == nil ? "no multilateral alliance to join" : "no candidate partner"
    }
    func f(_ v: Double) -> String { String(format: "%.4g", v) }
    if threatened {
      return "\(partnership.label): gap −\(f(partnership.gapReduction)), FM +\(f(partnership.fmGain)) vs \(alliance.label): gap −\(f(alliance.gapReduction)), FM +\(f(alliance.fmGain))"
    }
    return "no threats: \(partnership.label) FM +\(f(partnership.fmGain)) vs \(alliance.label) FM +\(f(alliance.fmGain))"
  }
}

/// Partner recommendation and strategy comparison (DESIGN §6).
public enum PartnerStrategies {
  /// Ranks candidates by gap reduction, then FM gain, then κ with the focus, then
  /// similarity, then proximity, then id.
  static func rank(_ a: PartnerPick, _ b: PartnerPick) -> Bool {
    func differs(_ x: Double, _ y: Double) -> Bool { abs(x - y) > 1e-12 * max(1, abs(x), abs(y)) }
    if differs(a.gapReduction, b.gapReduction) { return a.gapReduction > b.gapReduction }
    if differs(a.fmGain, b.fmGain) { return a.fmGain > b.fmGain }
    if a.kappa != b.kappa { return a.kappa > b.kappa }
    if differs(a.similarity, b.similarity) { return a.similarity > b.similarity }
    let da = a.distance.isNaN ? .infinity : a.distance, db = b.distance.isNaN ? .infinity : b.distance
    if da != db { return da < db }
    return a.partner < b.partner
  }

  /// Every candidate's effect as one new defense partner, best first.
  public static func candidates(_ search: PartnerSearch, network: StrategicNetwork, similarity: [Double]?) -> [PartnerPick] {
    evaluate(search, network: network, similarity: similarity, chosen: [], before: search.base)
  }

  static func evaluate(
    _ search: PartnerSearch, network: StrategicNetwork, similarity: [Double]?, chosen: [Int], before: FocalScore
  ) -> [PartnerPick] {
    let i = search.focus, n = network.nodeCount
    var picks: [PartnerPick] = []
    for j in search.candidates where !chosen.contains(j) {
      if search.parameters.compatiblePartners && !search.isCompatible(j, with: chosen) { continue }
      let after = search.scoreAdding(partners: chosen + [j])
      picks.append(
        PartnerPick(
          partner: j, gapReduction: before.gap - after.gap, fmGain: gain(after.fm, before.fm), eGain: after.e - before.e,
          kappa: network.kappa(i, j, search.parameters), similarity: similarity?[i * n + j] ?? 0,
          distance: network.distance[i * n + j], after: after))
    }
    return picks.sorted(by: rank)
  }

  /// FM gain; with C_i = 0 (FM undefined) the gain in E stands in, so ranking still works.
  static func gain(_ after: Double, _ before: Double) -> Double {
    after.isNaN || before.isNaN ? 0 : after - before
  }

  /// Greedy top-k: pick the best candidate, add it, re-evaluate the rest.
  public static func recommend(_ search: PartnerSearch, network: StrategicNetwork, similarity: [Double]?, count: Int) -> [PartnerPick] {
    var chosen: [Int] = []
    var picks: [PartnerPick] = []
    var current = search.base
    for _ in 0..<count {
      guard let best = evaluate(search, network: network, similarity: similarity, chosen: chosen, before: current).first else { break }
      picks.append(best)
      chosen.append(best.partner)
      current = best.after
    }
    return picks
  }

  /// Best 1, 2, 3 bilateral partners vs the best trilateral pair vs joining each alliance.
  public static func compare(_ search: PartnerSearch, network: StrategicNetwork, similarity: [Double]?) -> StrategyComparison {
    let i = search.focus
    let base = search.base
    let threatened = !network.threats(of: i).isEmpty
    let ranked = candidates(search, network: network, similarity: similarity)
    // Greedy bilateral partners.
    var bilateral: [StrategyOption] = []
    var chosen: [Int] = []
    var current = base
    for count in 1...3 {
      // The first pick is the best single candidate, already ranked.
      let next = count == 1 ? ranked : evaluate(search, network: network, similarity: similarity, chosen: chosen, before: current)
      guard let best = next.first else { break }
      chosen.append(best.partner)
      current = best.after
      bilateral.append(
        StrategyOption(
          kind: .bilateral, label: "\(count) bilateral", partners: chosen, allianceID: nil,
          gapReduction: base.gap - current.gap, fmGain: gain(current.fm, base.fm), after: current))
    }
    // Trilateral pairs from the top candidates.
    let pool = Array(ranked.prefix(search.parameters.trilateralPool).map(\.partner))
    var trilateral: StrategyOption? = nil
    for a in pool.indices {
      for b in (a + 1)..<max(a + 1, pool.count) {
        if search.parameters.compatiblePartners && network.isThreat(pool[a], pool[b]) { continue }
        let after = search.scoreTrilateral(pool[a], pool[b])
        let option = StrategyOption(
          kind: .trilateral, label: "trilateral", partners: [pool[a], pool[b]], allianceID: nil,
          gapReduction: base.gap - after.gap, fmGain: gain(after.fm, base.fm), after: after)
        if trilateral == nil || option.isBetter(than: trilateral!) { trilateral = option }
      }
    }
    // Joining each multilateral alliance with capability-bearing obligations.
    var alliances: [StrategyOption] = []
    for (index, alliance) in network.alliances.enumerated() where alliance.members.count >= 3 && !alliance.members.contains(i) {
      guard !alliance.obligations.intersection(ReliabilityGraph.capabilityLayer).isEmpty else { continue }
      let after = search.scoreAdding(partners: alliance.members, types: alliance.obligations, terms: network.joinTerms(alliance: index))
      alliances.append(
        StrategyOption(
          kind: .alliance, label: alliance.name, partners: alliance.members, allianceID: alliance.id,
          gapReduction: base.gap - after.gap, fmGain: gain(after.fm, base.fm), after: after))
    }
    alliances.sort { $0.isBetter(than: $1) }
    var bestPartnership = bilateral.last
    if let trilateral, bestPartnership == nil || trilateral.isBetter(than: bestPartnership!) { bestPartnership = trilateral }
    let bestAlliance = alliances.first
    var verdict: Bool? = nil
    if let p = bestPartnership, let a = bestAlliance {
      let tolerance = 1e-9
      let fmOK = p.fmGain >= a.fmGain - tolerance * max(1, abs(a.fmGain))
      let gapOK = p.gapReduction >= a.gapReduction - tolerance * max(1, abs(a.gapReduction))
      verdict = threatened ? (fmOK && gapOK) : fmOK
    }
    return StrategyComparison(
      focus: i, base: base, threatened: threatened, bilateral: bilateral, trilateral: trilateral, alliances: alliances,
      bestPartnership: bestPartnership, bestAlliance: bestAlliance, verdict: verdict)
  }
}
