import AllianceModel
import Foundation
import Testing

@testable import AllianceAnalytics

/// Focus F (C = 1) threatened by T (C = 10); multilateral alliance MUL of five members M1…M5
/// (C = 2 each, defense); optionally a big unallied nation B (C = 20). One capital, no decay.
///
/// Base: D_F = E_F = 1, Θ_F = 10, gap 9, FM 1.
/// Joining MUL: five direct ties: D_F = 1 + 5·0.75·2 = 8.5 → gap reduction 7.5, FM gain 7.5.
/// One bilateral tie to M1: 1 + 0.75·2 + 4·0.5625·2 (the others via M1) = 7.
/// Two (M1, M2): 1 + 2·1.5 + 3·1.125 = 7.375. Three: 1 + 3·1.5 + 2·1.125 = 7.75.
/// A tie to B: 1 + 0.75·20 = 16 ≥ Θ: gap 0.
func strategyWorld(big: Bool, threatened: Bool = true) throws -> StrategicNetwork {
  var world = MiniWorld()
  world.nation("F", lon: 0, capability: 1)
  // Without threats T is left out (it would be the best partner otherwise).
  if threatened { world.nation("T", lon: 0, capability: 10) }
  if big { world.nation("B", lon: 0, capability: 20) }
  let members = (1...5).map { "M\($0)" }
  for m in members { world.nation(m, lon: 0, capability: 2) }
  world.alliance("MUL", "defense", members: members)
  if threatened { world.threat("F", "T") }
  return try world.network()
}

func noDecay() -> ModelParameters {
  var parameters = ModelParameters.classic
  parameters.decay = .none
  return parameters
}

@Suite struct StrategyTests {
  @Test func allianceBeatsPartnerships() throws {
    let network = try strategyWorld(big: false)
    let search = PartnerSearch(network, focus: network("F"), parameters: noDecay())
    #expect(close(search.base.gap, 9) && close(search.base.d, 1) && close(search.base.theta, 10))
    let comparison = PartnerStrategies.compare(search, network: network, similarity: nil)
    #expect(comparison.threatened)
    // Greedy bilateral: M1, then M2, then M3 (equal scores, broken by node id).
    let m = (1...5).map { network("M\($0)") }
    #expect(comparison.bilateral.map(\.partners) == [[m[0]], [m[0], m[1]], [m[0], m[1], m[2]]])
    #expect(close(comparison.bilateral[0].gapReduction, 9 - 3))  // D = 7, gap 3
    #expect(close(comparison.bilateral[1].gapReduction, 9 - 2.625))  // D = 7.375
    #expect(close(comparison.bilateral[2].gapReduction, 9 - 2.25))  // D = 7.75
    #expect(close(comparison.bilateral[2].fmGain, 6.75))
    // Trilateral {F, M1, M2}: the M1–M2 tie exists already, so D = 7.375.
    #expect(comparison.trilateral?.partners == [m[0], m[1]])
    #expect(close(comparison.trilateral!.gapReduction, 6.375))
    // Joining MUL: gap reduction 7.5, FM gain 7.5.
    #expect(comparison.alliances.count == 1)
    #expect(comparison.alliances[0].label == "MUL" && comparison.alliances[0].allianceID == "MUL")
    #expect(close(comparison.alliances[0].gapReduction, 7.5))
    #expect(close(comparison.alliances[0].fmGain, 7.5))
    // The best partnership (3 bilateral: 6.75) falls short of the alliance (7.5).
    #expect(comparison.bestPartnership?.label == "3 bilateral")
    #expect(comparison.bestAlliance?.label == "MUL")
    #expect(comparison.verdict == false)
  }

  @Test func aBigPartnerBeatsTheAlliance() throws {
    let network = try strategyWorld(big: true)
    let f = network("F"), b = network("B"), m1 = network("M1"), m2 = network("M2")
    let search = PartnerSearch(network, focus: f, parameters: noDecay())
    #expect(search.candidates == [b] + (1...5).map { network("M\($0)") })
    let picks = PartnerStrategies.recommend(search, network: network, similarity: nil, count: 2)
    // First B: D = 16, gap 0 (reduction 9), E = 16, FM gain 15.
    // Then (gap already 0) the FM gain decides: M1 adds 0.75·2 + 4·0.5625·2 = 6.
    #expect(picks.map(\.partner) == [b, m1])
    #expect(close(picks[0].gapReduction, 9) && close(picks[0].fmGain, 15) && close(picks[0].eGain, 15))
    #expect(picks[1].gapReduction == 0 && close(picks[1].fmGain, 6))
    #expect(close(picks[1].after.e, 22))
    let comparison = PartnerStrategies.compare(search, network: network, similarity: nil)
    #expect(comparison.bilateral.map(\.partners) == [[b], [b, m1], [b, m1, m2]])
    // Three partners: E = 16 + 6 + (0.75 − 0.5625)·2 = 22.375, FM gain 21.375.
    #expect(close(comparison.bilateral[2].fmGain, 21.375))
    // Best trilateral: {F, B, M1}: E = 22, FM gain 21, gap reduction 9.
    #expect(comparison.trilateral?.partners == [b, m1])
    #expect(close(comparison.trilateral!.fmGain, 21))
    // 3 bilateral (gap −9, FM +21.375) ≥ MUL (gap −7.5, FM +7.5): the thesis holds.
    #expect(comparison.bestPartnership?.label == "3 bilateral")
    #expect(comparison.verdict == true)
    #expect(comparison.reason.contains("3 bilateral") && comparison.reason.contains("MUL"))
  }

  @Test func closingTheGapIsNotEnoughWhenTheAllianceAddsMoreForce() throws {
    // F (1) threatened by T (10); alliance CON of K1…K8 (10 each) with consultation only.
    // H = 1, no decay. Joining CON: E gain 8·0.35·10 = 28, no defense (gap reduction 0).
    // 3 bilateral defense ties to K1, K2, K3: D = 1 + 22.5 ≥ 10 (gap reduction 9), E gain 22.5.
    // The partnership wins on the gap but loses on FM: the thesis does not hold.
    var world = MiniWorld()
    world.nation("F", lon: 0, capability: 1)
    world.nation("T", lon: 0, capability: 10)
    let members = (1...8).map { "K\($0)" }
    for k in members { world.nation(k, lon: 0, capability: 10) }
    world.alliance("CON", "consultation", members: members)
    world.threat("F", "T")
    let network = try world.network()
    var parameters = noDecay()
    parameters.hops = 1
    let comparison = PartnerStrategies.compare(
      PartnerSearch(network, focus: network("F"), parameters: parameters), network: network, similarity: nil)
    let partnership = try #require(comparison.bestPartnership)
    let alliance = try #require(comparison.bestAlliance)
    #expect(partnership.label == "3 bilateral")
    #expect(close(partnership.gapReduction, 9) && close(partnership.fmGain, 22.5))
    #expect(alliance.gapReduction == 0 && close(alliance.fmGain, 28))
    #expect(comparison.verdict == false)
  }

  @Test func withoutThreatsOnlyFMCounts() throws {
    let weak = try strategyWorld(big: false, threatened: false)
    let weakComparison = PartnerStrategies.compare(
      PartnerSearch(weak, focus: weak("F"), parameters: noDecay()), network: weak, similarity: nil)
    #expect(!weakComparison.threatened)
    #expect(weakComparison.bestPartnership.map { $0.gapReduction } == 0)
    // FM gain 6.75 (3 bilateral) < 7.5 (MUL).
    #expect(weakComparison.verdict == false)
    let strong = try strategyWorld(big: true, threatened: false)
    let strongComparison = PartnerStrategies.compare(
      PartnerSearch(strong, focus: strong("F"), parameters: noDecay()), network: strong, similarity: nil)
    #expect(strongComparison.verdict == true)
    #expect(strongComparison.reason.hasPrefix("no threats"))
  }

  @Test func noAllianceToJoinGivesNoVerdict() throws {
    let network = try strategyWorld(big: true)
    // M1 is already in MUL; it cannot join it.
    let comparison = PartnerStrategies.compare(
      PartnerSearch(network, focus: network("M1"), parameters: noDecay()), network: network, similarity: nil)
    #expect(comparison.alliances.isEmpty)
    #expect(comparison.verdict == nil)
    #expect(comparison.reason == "no multilateral alliance to join")
  }
}
