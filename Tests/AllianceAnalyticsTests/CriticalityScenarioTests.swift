import AllianceModel
import Foundation
import Testing

@testable import AllianceAnalytics

@Suite struct CriticalityAndScenarioTests {
  @Test func criticalityRanking() throws {
    // coverageWorld(24): Θ_A = 6, D_A = 2 + 3.75 [B] + 2.25 [C via B] = 8; T is unthreatened by
    // anyone it could lose (no ties).
    let network = try coverageWorld(threat: 24)
    let assessment = Assessment(network, parameters: halfAt30Degrees())
    let ranking = Criticality.ranking(network, assessment)
    // Σ over the other nations (the defector's own loss is not counted):
    // A defects: only A loses (its own gap +4 is not counted): 0, nobody affected.
    // B defects: C is cut off as well, D_A = 2, gap +4, newly uncovered.
    // C defects: D_A = 5.75, gap 0.25, newly uncovered (CR = 0.958).
    // X (consultation only) and T (no ties): 0.
    // Order: gap increase, then node id (A = 0, B = 1, C = 2, X = 3, T = 4).
    #expect(ranking.map(\.nation) == ["B", "C", "A", "X", "T"].map { network($0) })
    #expect(close(ranking[0].gapIncrease, 4) && close(ranking[1].gapIncrease, 0.25))
    #expect(ranking[2].gapIncrease == 0 && ranking[3].gapIncrease == 0 && ranking[4].gapIncrease == 0)
    #expect(ranking.map(\.newlyUncovered) == [1, 1, 0, 0, 0])
    #expect(ranking[0].mostAffected == network("A") && close(ranking[0].mostAffectedIncrease, 4))
    // The defector is never its own most affected nation.
    #expect(ranking[2].nation == network("A") && ranking[2].mostAffected == nil)
    #expect(ranking.allSatisfy { $0.mostAffected != $0.nation })
  }

  @Test func criticalityCountsOnlyNewlyUncovered() throws {
    // With T = 40, A is already uncovered (gap 2): B's defection adds 10 − 2 − 2 = 6, newly 0.
    let network = try coverageWorld(threat: 40)
    let ranking = Criticality.ranking(network, Assessment(network, parameters: halfAt30Degrees()))
    let b = try #require(ranking.first { $0.nation == network("B") })
    #expect(close(b.gapIncrease, 6))
    #expect(b.newlyUncovered == 0)
  }

  @Test func scenarioChanges() throws {
    let network = try coverageWorld(threat: 24)
    let parameters = halfAt30Degrees()
    let a = network("A"), b = network("B"), c = network("C"), t = network("T")
    func assessA(_ changes: [ScenarioChange]) throws -> NationAssessment {
      var copy = network
      try Scenario.apply(changes, to: &copy)
      return Assessment(copy, parameters: parameters).nations[a]
    }
    // Defection of B: D_A = 2, gap 4 (matches the criticality above).
    #expect(close(try assessA([.defect(b)]).gap, 4))
    // Dropping the A–B tie: the same.
    #expect(close(try assessA([.dropTie(a, b)]).d, 2))
    // A new defense tie A–C (g = 0.5): D_A = 2 + 3.75 + 0.75·0.5·8 = 8.75.
    #expect(close(try assessA([.addTie(a, c, .defense)]).d, 8.75))
    // T's capability grows to 40: Θ_A = 10, gap 2.
    #expect(close(try assessA([.setCapability(t, 40)]).gap, 2))
    // A channel A–B (exercise): κ_AB = 0.5 adds 2·0.5·x_A·x_B = 2·0.5·2·3.75 = 7.5 to S_A,
    // i.e. 7.5/4 = 1.875 to SYN_A.
    let before = Assessment(network, parameters: parameters).nations[a].syn
    #expect(close(try assessA([.addChannel(a, b, .exercise)]).syn - before, 1.875, 1e-9))
    // Changes apply in order: add then drop the channel.
    #expect(close(try assessA([.addChannel(a, b, .exercise), .dropChannel(a, b, .exercise)]).syn, before))
    // Errors.
    var copy = network
    #expect(throws: ScenarioError.self) { try Scenario.apply([.addChannel(a, b, .defense)], to: &copy) }
    #expect(throws: ScenarioError.self) { try Scenario.apply([.dropAlliance("nope")], to: &copy) }
    #expect(throws: ScenarioError.self) { try Scenario.apply([.addTie(a, a, .defense)], to: &copy) }
    #expect(throws: ScenarioError.self) { try Scenario.apply([.setCapability(a, -1)], to: &copy) }
  }

  @Test func alliancesInScenarios() throws {
    // Alliance P = {A, B, C} (defense, integrated command) and Q = {A, B} (defense).
    var world = MiniWorld()
    for id in ["A", "B", "C", "D"] { world.nation(id, lon: 0, capability: 1) }
    world.alliance("P", "defense", command: true, members: ["A", "B", "C"])
    world.alliance("Q", "defense", members: ["A", "B"])
    let network = try world.network()
    let a = network("A"), b = network("B"), c = network("C"), d = network("D")
    #expect(network.alliances.map(\.id) == ["P", "Q"])
    #expect(network.sharedCommand[a * 4 + c])
    var dropped = network
    try Scenario.apply([.dropAlliance("p")], to: &dropped)
    // A–B keeps its defense tie through Q; A–C and B–C lose theirs; the command link goes.
    #expect(dropped.types(a, b).contains(.defense))
    #expect(dropped.types(a, c).isEmpty && dropped.types(b, c).isEmpty)
    #expect(!dropped.sharedCommand[a * 4 + b] && !dropped.sharedCommand[a * 4 + c])
    #expect(dropped.alliances.map(\.id) == ["Q"])
    // D joins P: defense ties to A, B and C, and the shared command.
    var joined = network
    try Scenario.apply([.joinAlliance(d, "P")], to: &joined)
    #expect([a, b, c].allSatisfy { joined.types(d, $0).contains(.defense) && joined.sharedCommand[d * 4 + $0] })
    #expect(joined.alliances[0].members.contains(d))
    // With no decay E_D = 1 + 3·0.75 = 3.25.
    var parameters = ModelParameters.classic
    parameters.decay = .none
    #expect(close(Assessment(joined, parameters: parameters).nations[d].e, 3.25))
    // A new alliance {C, D}.
    var added = network
    try Scenario.apply([.addAlliance(name: "R", members: [c, d], obligations: TieTypeSet(.offense))], to: &added)
    #expect(added.types(c, d).contains(.offense))
    #expect(added.alliances.last?.members == [c, d])
    // Defection removes every tie and every membership.
    var defected = network
    try Scenario.apply([.defect(a)], to: &defected)
    #expect((0..<4).allSatisfy { defected.types(a, $0).isEmpty && !defected.sharedCommand[a * 4 + $0] })
    #expect(defected.alliances.allSatisfy { !$0.members.contains(a) })
    #expect(defected.types(b, c).contains(.defense))
  }

  @Test func droppingAnAllianceKeepsASeparateBilateralTreaty() throws {
    // A–B have a bilateral defense treaty (ties.csv) and are both in alliance P (defense).
    // When P lapses the bilateral treaty is still in force.
    var world = MiniWorld()
    for id in ["A", "B", "C"] { world.nation(id, lon: 0, capability: 1) }
    world.tie("A", "B", "defense")
    world.tie("A", "C", "intelligence")
    world.alliance("P", "defense;intelligence", members: ["A", "B", "C"])
    let network = try world.network()
    var dropped = network
    try Scenario.apply([.dropAlliance("P")], to: &dropped)
    #expect(dropped.types(network("A"), network("B")) == TieTypeSet(.defense))
    #expect(dropped.types(network("A"), network("C")) == TieTypeSet(.intelligence))
    #expect(dropped.types(network("B"), network("C")).isEmpty)
  }
}
