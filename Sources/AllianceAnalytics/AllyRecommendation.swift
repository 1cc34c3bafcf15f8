import AllianceModel
import Foundation

/// One recommended partner: what the new defense tie brings, what it costs, and how likely
/// it is to form (DESIGN §6, "The price of a tie", "Partner recommendation").
public struct AllyCandidate: Sendable, Hashable {
  public var partner: Int
  /// p_form(focus, partner), or `nil` without a formation model.
  public var pForm: Double?
  /// Marginal over the partners chosen before it.
  public var gapReduction: Double
  public var fmGain: Double
  public var eGain: Double
  /// Threats of the partner that are not yet the focus's (imported by the tie).
  public var threatsBrought: [Int]
  /// Threat pressure added by entrapment, ε · r · Σ w · g · C over the imported threats.
  public var entrapment: Double
  /// The gap reduction net of entrapment (threatened focus), or the gain of E minus the gap
  /// the imported threats open (focus without threats); marginal.
  public var value: Double
  /// p_form · value (`nil` without a model).
  public var expectedValue: Double?
  /// Why the candidate would be left out by default (empty when compatible).
  public var incompatibility: String
  /// The focal score after this pick (cumulative, without entrapment).
  public var after: FocalScore
  /// Θ + entrapment after this pick (cumulative).
  public var thetaWithEntrapment: Double
  public var distance: Double
}

/// How candidates are ordered.
public enum AllyRanking: String, Sendable, CaseIterable {
  /// p_form × value (the default).
  case expected
  case value
  case pForm = "p-form"
}

/// Recommends new defense partners for a focal nation: value net of entrapment, weighed by
/// the formation model's p_form; incompatible candidates left out unless asked.
public struct AllyRecommender: Sendable {
  public let search: PartnerSearch
  public let network: StrategicNetwork
  public let model: FormationModel?
  public let context: FormationContext
  /// ε: the share of an imported threat's pressure that a new tie brings.
  public let entrapmentWeight: Double

  public init(_ search: PartnerSearch, network: StrategicNetwork, model: FormationModel?, entrapment: Double = 0.5) {
    self.search = search
    self.network = network
    self.model = model
    context = FormationContext(network)
    entrapmentWeight = entrapment
  }

  /// Why `j` is incompatible with the focus's camp given `chosen` (empty when it is not):
  /// a threat of a defense/offense partner of the focus (a partner that is also a threat of
  /// the focus does not count), a defense/offense partner of one of its threats, a threat of
  /// a chosen candidate, or a defense/offense partner of a threat a chosen candidate brings.
  /// O(n · |chosen|).
  public func incompatibility(_ j: Int, chosen: [Int]) -> String {
    AllyRecommender.incompatibility(j, focus: search.focus, chosen: chosen, in: network)
  }

  /// ``incompatibility(_:chosen:)`` for any focus, without a partner search.
  public static func incompatibility(_ j: Int, focus i: Int, chosen: [Int], in network: StrategicNetwork) -> String {
    let n = network.nodeCount
    let ids = network.names  // names: on ATOP years the ids are bare COW codes
    for k in 0..<n where k != i && k != j {
      if network.defends(i, k) && !network.isThreat(i, k) && network.isThreat(j, k) { return "a threat of \(ids[k]), a defense partner of \(ids[i])" }
      if network.isThreat(i, k) && network.defends(j, k) { return "a defense partner of \(ids[k]), a threat of \(ids[i])" }
      if chosen.contains(k) && network.isThreat(j, k) { return "a threat of \(ids[k]), chosen before" }
    }
    for c in chosen {
      for t in 0..<n where t != i && t != j && network.isThreat(c, t) && network.defends(j, t) {
        return "a defense partner of \(ids[t]), a threat of \(ids[c]) (chosen before)"
      }
    }
    return ""
  }

  /// The candidates: not the focus, not a threat, no defense/offense tie with the focus yet.
  public var pool: [Int] { AllyRecommender.pool(focus: search.focus, in: network) }

  /// ``pool`` for any focus, without a partner search. O(n).
  public static func pool(focus i: Int, in network: StrategicNetwork) -> [Int] {
    (0..<network.nodeCount).filter { $0 != i && !network.isThreat(i, $0) && !network.defends(i, $0) }
  }

  /// Θ added by entrapment for the set `partners` with new ties of `types` on `terms`:
  /// each imported threat t counts once, with the strongest tie that brings it.
  /// O(|partners| · n).
  public func entrapment(_ partners: [Int], types: TieTypeSet = TieTypeSet(.defense), terms: NewTieTerms = .plain) -> (added: Double, brought: [Int]) {
    let i = search.focus
    return entrapment(partners) { k in search.newTieReliability(i, k, types, ReliabilityGraph.defenseLayer, terms) }
  }

  /// Entrapment with the defense-layer r of each partner's tie given by `reliability`.
  public func entrapment(_ partners: [Int], reliability: (Int) -> Double) -> (added: Double, brought: [Int]) {
    let i = search.focus, n = network.nodeCount
    let parameters = search.parameters
    var strongest = [Double](repeating: 0, count: n)
    for k in partners {
      let r = reliability(k)
      // A threat that is itself among the new partners (a rivalry inside an alliance joined) is not imported.
      for t in 0..<n where t != i && t != k && network.isThreat(k, t) && !network.isThreat(i, t) && !partners.contains(t) {
        strongest[t] = max(strongest[t], r * network.threatWeight(k, t))
      }
    }
    var added = 0.0
    var brought: [Int] = []
    for t in 0..<n where strongest[t] > 0 {
      brought.append(t)
      added += entrapmentWeight * strongest[t] * parameters.decayFactor(network.distance[i * n + t]) * network.capability[t]
    }
    return (added, brought)
  }

  /// The measure of DESIGN §6 for a focal score `score` reached from the base with
  /// `entrapment` added to Θ: the gap reduction net of entrapment (threatened focus), or the
  /// gain of E minus the gap the imported threats open.
  public func value(of score: FocalScore, entrapment added: Double) -> Double {
    let base = search.base
    let gapAfter = max(0, base.theta + added - score.d)
    return base.theta > 0 ? base.gap - gapAfter : (score.e - base.e) - gapAfter
  }

  /// The value of adding `partners` (DESIGN §6) and the scores behind it.
  func evaluate(_ partners: [Int]) -> (value: Double, score: FocalScore, theta: Double, brought: [Int], entrapment: Double) {
    let base = search.base
    let score = partners.isEmpty ? base : search.scoreAdding(partners: partners)
    let (added, brought) = entrapment(partners)
    return (value(of: score, entrapment: added), score, base.theta + added, brought, added)
  }

  /// Greedy top-`count`: at each step the best remaining candidate by `ranking`, its
  /// marginal value re-evaluated after the picks before it. Incompatible candidates are
  /// left out unless `anyPartner` (then they are marked). O(count · candidates · n).
  public func recommend(count: Int, ranking: AllyRanking = .expected, anyPartner: Bool = false) -> [AllyCandidate] {
    var chosen: [Int] = []
    var picks: [AllyCandidate] = []
    let pForm = formationProbabilities()
    for _ in 0..<count {
      // Stop when no candidate adds value or, net of the pressure it imports, force.
      guard let pick = ranked(after: chosen, previous: picks, ranking: ranking, anyPartner: anyPartner, pForm: pForm).first,
        pick.value > 1e-12 || pick.eGain - pick.entrapment > 1e-12
      else { break }
      picks.append(pick)
      chosen.append(pick.partner)
    }
    return picks
  }

  /// p_form(focus, j) for every candidate j (empty without a model). O(pool · features).
  public func formationProbabilities() -> [Int: Double] {
    let i = search.focus
    return model.map { m in Dictionary(uniqueKeysWithValues: pool.map { ($0, m.probability(i, $0, in: context)) }) } ?? [:]
  }

  /// Every candidate after `chosen` (the partners of `previous`), best first by `ranking`,
  /// each valued marginally. O(candidates · n).
  public func ranked(
    after chosen: [Int], previous: [AllyCandidate] = [], ranking: AllyRanking = .expected, anyPartner: Bool = false, pForm: [Int: Double]? = nil
  ) -> [AllyCandidate] {
    let i = search.focus, n = network.nodeCount
    let pForm = pForm ?? formationProbabilities()
    let current = evaluate(chosen)
    let broughtBefore = Set(previous.flatMap(\.threatsBrought))
    var candidates: [AllyCandidate] = []
    for j in pool where !chosen.contains(j) {
      let why = incompatibility(j, chosen: chosen)
      if !why.isEmpty && !anyPartner { continue }
      let next = evaluate(chosen + [j])
      let value = next.value - current.value
      let p = pForm[j]
      candidates.append(
        AllyCandidate(
          partner: j, pForm: p, gapReduction: current.score.gap - next.score.gap, fmGain: AllyRecommender.gain(next.score.fm, current.score.fm),
          eGain: next.score.e - current.score.e, threatsBrought: next.brought.filter { !broughtBefore.contains($0) },
          entrapment: next.entrapment - current.entrapment, value: value, expectedValue: p.map { $0 * value },
          incompatibility: why, after: next.score, thetaWithEntrapment: next.theta, distance: network.distance[i * n + j]))
    }
    return candidates.sorted { Self.better($0, $1, ranking) }
  }

  /// FM gain; with C_i = 0 (FM undefined) the gain is 0.
  static func gain(_ after: Double, _ before: Double) -> Double {
    after.isNaN || before.isNaN ? 0 : after - before
  }

  /// Orders by the ranking key, then value, then p_form × (the gain of E − the pressure the
  /// tie imports) — so a covered focus, whose gap cannot shrink, still gets the partners that
  /// add most force net of their threats — then id.
  static func better(_ a: AllyCandidate, _ b: AllyCandidate, _ ranking: AllyRanking) -> Bool {
    func key(_ c: AllyCandidate) -> Double {
      switch ranking {
      case .expected: c.expectedValue ?? c.value
      case .value: c.value
      case .pForm: c.pForm ?? 0
      }
    }
    let ka = key(a), kb = key(b)
    if abs(ka - kb) > 1e-12 * max(1, abs(ka), abs(kb)) { return ka > kb }
    if abs(a.value - b.value) > 1e-12 * max(1, abs(a.value), abs(b.value)) { return a.value > b.value }
    let fa = (a.pForm ?? 1) * (a.eGain - a.entrapment), fb = (b.pForm ?? 1) * (b.eGain - b.entrapment)
    if abs(fa - fb) > 1e-12 * max(1, abs(fa), abs(fb)) { return fa > fb }
    return a.partner < b.partner
  }
}
