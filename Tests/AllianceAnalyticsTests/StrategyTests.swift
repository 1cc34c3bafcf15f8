import AllianceModel
import Foundation
import Testing

@testable import AllianceAnalytics

/// Focus F (C = 1) threatened by T (C = 10); a major alliance MUL of M1…M5 (C = 2 each,
/// defense), open to anyone unless `eligibility` says otherwise; optionally a big unallied
/// nation B (C = 20). One capital, no decay, ties that always hold (r₀ = 1), H = H_D = 1,
/// no formation model (p_form = p_join = 1), priors not drawn: every draw is the
/// deterministic case.
///
/// Base: D_F = 1, Θ_F = 10, gap 9. Joining MUL: D = 1 + 5·2 = 11, gap 0: measure 9.
/// Three bilateral ties to M1, M2, M3: D = 7, gap 3: measure 6 < 9 − 0.9. A tie to B:
/// D = 21, gap 0: measure 9 = the alliance's.
func thesisWorld(big: Bool, eligibility: String = "open", member: Bool = false) throws -> (StrategicNetwork, AllianceNetwork) {
  var world = MiniWorld()
  world.nation("F", lon: 0, capability: 1)
  world.nation("T", lon: 0, capability: 10)
  if big { world.nation("B", lon: 0, capability: 20) }
  let members = (1...5).map { "M\($0)" }
  for m in members { world.nation(m, lon: 0, capability: 2) }
  world.alliance("MUL", "defense", members: member ? ["F"] + members : members, major: true, eligibility: eligibility)
  world.threat("F", "T")
  return try world.build()
}

func certainParameters() -> ThesisParameters {
  var p = ModelParameters.classic
  p.decay = .none
  p.reliabilityDefense = 1
  p.reliabilityOffense = 1
  p.hops = 1
  p.defenseHops = 1
  return ThesisParameters(model: p, entrapment: 0.5)
}

func certainRule(draws: Int = 50) -> ThesisRule {
  var rule = ThesisRule()
  rule.draws = draws
  rule.drawPriors = false
  return rule
}

@Suite struct ThesisTests {
  @Test func allianceBeatsPartnershipsAndTheVerdictIsNo() throws {
    let (network, source) = try thesisWorld(big: false)
    let c = Thesis.compare(network, source: source, focus: network("F"), parameters: certainParameters(), model: nil, rule: certainRule())
    #expect(c.threatened)
    let alliance = try #require(c.bestAlliance.map { c.options[$0] })
    #expect(alliance.kind == .join && alliance.allianceID == "MUL" && close(alliance.value, 9) && alliance.feasibility == 1)
    let partnership = try #require(c.bestPartnership.map { c.options[$0] })
    #expect(partnership.kind == .bilateral && partnership.partners.count == 3 && close(partnership.value, 6))
    // Every draw is the deterministic case: the measures equal the values.
    for (option, outcome) in zip(c.options, c.outcomes) where !outcome.expectedMeasure.isNaN {
      #expect(close(outcome.expectedMeasure, option.value, 1e-9) && close(outcome.conditionalMeasure, option.value, 1e-9), "\(option.label)")
    }
    #expect(c.contest?.verdict == ThesisVerdict.no && c.contest?.pYes == 0)
  }

  @Test func equalOptionsGiveYes() throws {
    let (network, source) = try thesisWorld(big: true)
    let c = Thesis.compare(network, source: source, focus: network("F"), parameters: certainParameters(), model: nil, rule: certainRule())
    let partnership = try #require(c.bestPartnership.map { c.options[$0] })
    #expect(partnership.partners.first == network("B") && close(partnership.value, 9))
    #expect(c.contest?.verdict == ThesisVerdict.yes && c.contest?.pYes == 1)
  }

  @Test func anIneligibleAllianceNeverAppearsAndTheHypotheticalRowsStay() throws {
    let (network, source) = try thesisWorld(big: false, eligibility: "closed")
    let c = Thesis.compare(network, source: source, focus: network("F"), parameters: certainParameters(), model: nil, rule: certainRule())
    #expect(!c.options.contains { $0.kind == .join || $0.kind == .membership })
    #expect(c.contest == nil && c.bestAlliance == nil)
    #expect(c.reason.hasPrefix("no alliance option"))
    #expect(c.excluded == ["MUL: not eligible"])
  }

  @Test func aHeldMembershipIsValuedByItsRemoval() throws {
    let (network, source) = try thesisWorld(big: false, member: true)
    let c = Thesis.compare(network, source: source, focus: network("F"), parameters: certainParameters(), model: nil, rule: certainRule())
    let held = try #require(c.bestAlliance.map { c.options[$0] })
    // Without MUL: D = 1, gap 9; with it: D = 11, gap 0.
    #expect(held.kind == .membership && close(held.value, 9))
    #expect(!c.baseline.alliances[0].members.contains(network("F")))
    // The partnerships are sought on the network without the membership: M1…M5 are candidates.
    let partnership = try #require(c.bestPartnership.map { c.options[$0] })
    #expect(partnership.partners.allSatisfy { network.ids[$0].hasPrefix("M") } && close(partnership.value, 6))
    #expect(c.contest?.verdict == ThesisVerdict.no)
  }

  @Test func withCertainFormationAndNoUncertaintyTheVerdictIsTheDeterministicComparison() throws {
    for big in [false, true] {
      let (network, source) = try thesisWorld(big: big)
      let rule = certainRule()
      let c = Thesis.compare(network, source: source, focus: network("F"), parameters: certainParameters(), model: nil, rule: rule)
      let p = c.options[c.bestPartnership!].value, a = c.options[c.bestAlliance!].value
      #expect(c.contest?.verdict == (rule.reaches(p, a) ? ThesisVerdict.yes : .no))
    }
  }

  /// F (C = 1) threatened by T (C = 10), unallied J and K (C = 2): the trilateral {F, J, K}
  /// at r₀ = 0.5. With a common shock both new ties hold or fail together: the measure is
  /// 0 or 4, never 2; independently, 2 (one tie holds) happens.
  @Test func commonShocksMakeATrilateralPactFailAsOne() throws {
    var world = MiniWorld()
    world.nation("F", lon: 0, capability: 1)
    world.nation("T", lon: 0, capability: 10)
    world.nation("J", lon: 0, capability: 2)
    world.nation("K", lon: 0, capability: 2)
    world.threat("F", "T")
    let (network, source) = try world.build()
    for shock in [false, true] {
      var parameters = certainParameters()
      parameters.model.reliabilityDefense = 0.5
      parameters.model.commonShock = shock
      let builder = ThesisOptionBuilder(network, source: source, focus: network("F"), parameters: parameters, model: nil)
      let trilateral = try #require(builder.partnershipOptions(on: network, recommender: builder.present).options.first { $0.kind == .trilateral })
      #expect(Set(trilateral.partners) == [network("J"), network("K")])
      let simulation = ThesisSimulation(network, focus: network("F"), options: [trilateral], parameters: parameters, drawPriors: false)
      let measures = simulation.run(draws: 400).formed[0]
      let one = measures.filter { close($0, 2, 1e-9) }.count
      #expect(measures.allSatisfy { close($0, 0, 1e-9) || close($0, 2, 1e-9) || close($0, 4, 1e-9) })
      if shock { #expect(one == 0) } else { #expect(one > 100) }
    }
  }

  @Test func drawsDoNotDependOnTheThreadCount() throws {
    let (network, strategic) = try #require(CuratedFindingsTests.loaded)
    let model = try FormationModelStore.model(for: 2025, network: network)?.model
    var rule = ThesisRule()
    rule.draws = 300
    for id in ["PAK", "KAZ", "TUR"] {
      let focus = try #require(strategic.node(id: id))
      let parameters = ThesisParameters(model: ModelParameters())
      let one = Thesis.compare(strategic, source: network, focus: focus, parameters: parameters, model: model, rule: rule, threads: 1)
      let two = Thesis.compare(strategic, source: network, focus: focus, parameters: parameters, model: model, rule: rule, threads: 2)
      #expect(one.outcomes == two.outcomes, "\(id)")
      #expect(one.contest == two.contest && one.versusNATO == two.versusNATO, "\(id)")
    }
  }

  @Test func theRuleAndThePriors() {
    let rule = ThesisRule()
    #expect(rule.reaches(9, 10) && !rule.reaches(8.9, 10) && rule.reaches(0, 0) && rule.reaches(-1.05, -1) && !rule.reaches(-1.2, -1))
    #expect(rule.verdict(0.8) == .yes && rule.verdict(0.2) == .no && rule.verdict(0.5) == .undecided)
    // Every prior's draws stay in its range; H takes 1, 2 and 3.
    for prior in ThesisPriors.all {
      let values = stride(from: 0.0, to: 1, by: 0.01).map { prior.value($0) }
      #expect(values.allSatisfy { $0 >= prior.low && $0 <= prior.high }, "\(prior.name)")
    }
    #expect(Set(stride(from: 0.0, to: 1, by: 0.01).map { ThesisPriors.named("hops")!.value($0) }) == [1, 2, 3])
  }

  /// A recipe deepened by channels evaluates to `tieReliability` with the channels added,
  /// for every tie of the curated dataset in both layers, at the defaults and at other
  /// parameters (two code paths: the channel code edited, the pair's types extended).
  @Test func deepenedRecipesAgreeWithTieReliabilityAddingChannels() throws {
    let (_, strategic) = try #require(CuratedFindingsTests.loaded)
    var other = ModelParameters()
    other.reliabilityDefense = 0.6
    other.statusDormant = 0.45
    other.provisionConditional = 0.7
    other.deepeningExercise = 0.2
    let n = strategic.nodeCount
    let channels = ThesisOptionBuilder.deepeningChannels
    var checked = 0, raised = 0
    for parameters in [ModelParameters(), other] {
      let tables = ReliabilityTables(parameters)
      for u in 0..<n {
        for v in (u + 1)..<n where strategic.types[u * n + v] != 0 {
          for layer in [ReliabilityGraph.capabilityLayer, ReliabilityGraph.defenseLayer] {
            let before = strategic.reliability(u, v, in: layer, parameters: parameters)
            let r = strategic.tieReliability(u, v, in: layer, parameters: parameters, adding: channels, explain: false).r
            #expect(close(TieRecipe(strategic, u, v, in: layer).deepened(by: channels).r(tables), r))
            if r > before + 1e-12 { raised += 1 }
            checked += 1
          }
        }
      }
    }
    #expect(checked > 1000 && raised > 100)
  }
}
