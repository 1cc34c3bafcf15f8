import AllianceModel
import Foundation
import Testing

@testable import AllianceAnalytics

/// Hop-limited most-reliable paths and distance decay, computed by hand.
@Suite struct ReachTests {
  /// A–B–C–D–E, every link a defense tie (r = 0.75), no decay.
  func chain(_ types: [String] = ["defense", "defense", "defense", "defense"]) throws -> StrategicNetwork {
    var world = MiniWorld()
    for (v, id) in ["A", "B", "C", "D", "E"].enumerated() { world.nation(id, lon: 0, capability: Double(v + 1)) }
    for (k, pair) in [("A", "B"), ("B", "C"), ("C", "D"), ("D", "E")].enumerated() { world.tie(pair.0, pair.1, types[k]) }
    return try world.network()
  }

  @Test func chainWithHopLimitThree() throws {
    let network = try chain()
    var parameters = ModelParameters.classic
    parameters.decay = .none
    let graph = ReliabilityGraph(network, layer: ReliabilityGraph.capabilityLayer, parameters: parameters)
    let a = Reach.from(network("A"), in: graph, hops: 3)
    // a(A,A) = 1, a(A,B) = 0.75, a(A,C) = 0.75² = 0.5625, a(A,D) = 0.75³ = 0.421875,
    // a(A,E) = 0: E lies 4 hops away and H = 3.
    #expect(a[network("A")] == 1)
    #expect(close(a[network("B")], 0.75))
    #expect(close(a[network("C")], 0.5625))
    #expect(close(a[network("D")], 0.421875))
    #expect(a[network("E")] == 0)
    // With H = 4, a(A,E) = 0.75⁴ = 0.31640625.
    #expect(close(Reach.from(network("A"), in: graph, hops: 4)[network("E")], 0.31640625))
    // With H = 1 only the neighbour.
    #expect(Reach.from(network("A"), in: graph, hops: 1) == [1, 0.75, 0, 0, 0])

    // E_A = C_A + Σ a·C (no decay) = 1 + 0.75·2 + 0.5625·3 + 0.421875·4 = 1 + 1.5 + 1.6875 + 1.6875 = 5.875.
    let assessment = Assessment(network, parameters: parameters)
    #expect(close(assessment.nations[network("A")].e, 5.875))
    #expect(close(assessment.nations[network("A")].fm, 5.875))  // C_A = 1
    #expect(assessment.nations[network("A")].partners == 3)
    // E_C (middle, C = 3): 3 + 0.75·(2 + 4) + 0.5625·(1 + 5) = 3 + 4.5 + 3.375 = 10.875; FM = 3.625.
    #expect(close(assessment.nations[network("C")].e, 10.875))
    #expect(close(assessment.nations[network("C")].fm, 3.625))
    // The reach matrix is symmetric on an undirected graph.
    let n = network.nodeCount
    for i in 0..<n { for j in 0..<n { #expect(close(assessment.reach[i * n + j], assessment.reach[j * n + i])) } }
  }

  @Test func consultationLinkLowersTheProductAndLeavesTheDefenseLayer() throws {
    // A–B defense, B–C consultation, C–D defense, D–E defense.
    let network = try chain(["defense", "consultation", "defense", "defense"])
    var parameters = ModelParameters.classic
    parameters.decay = .none
    let assessment = Assessment(network, parameters: parameters)
    let n = network.nodeCount, a = network("A")
    // a(A,C) = 0.75·0.35 = 0.2625; a(A,D) = 0.2625·0.75 = 0.196875; a(A,E) = 0 (4 hops).
    #expect(close(assessment.reach[a * n + network("C")], 0.2625))
    #expect(close(assessment.reach[a * n + network("D")], 0.196875))
    #expect(assessment.reach[a * n + network("E")] == 0)
    // The defense layer stops at B: a_def(A,B) = 0.75, a_def(A,C) = 0.
    #expect(close(assessment.defenseReach[a * n + network("B")], 0.75))
    #expect(assessment.defenseReach[a * n + network("C")] == 0)
    // E_A = 1 + 0.75·2 + 0.2625·3 + 0.196875·4 = 1 + 1.5 + 0.7875 + 0.7875 = 4.075.
    #expect(close(assessment.nations[a].e, 4.075))
    // D_A = 1 + 0.75·2 = 2.5.
    #expect(close(assessment.nations[a].d, 2.5))
  }

  @Test func mostReliablePathBeatsShortestAndHopLimitUsesTheShorterPath() throws {
    // A–U consultation (0.35); A–X and X–U defense (A→X→U = 0.5625); U–W, W–V defense.
    // X precedes U so that U's improvement (round 2) is seen before U relaxes W in that round:
    // a search that used the improved value at once would reach W in "2 hops" with 0.421875.
    var world = MiniWorld()
    for id in ["A", "X", "U", "W", "V"] { world.nation(id, lon: 0, capability: 1) }
    world.tie("A", "U", "consultation")
    world.tie("A", "X", "defense")
    world.tie("X", "U", "defense")
    world.tie("U", "W", "defense")
    world.tie("W", "V", "defense")
    let network = try world.network()
    var parameters = ModelParameters.classic
    parameters.decay = .none
    let graph = ReliabilityGraph(network, layer: ReliabilityGraph.capabilityLayer, parameters: parameters)
    let a3 = Reach.from(network("A"), in: graph, hops: 3)
    // a(A,U) = max(0.35, 0.75·0.75) = 0.5625 (the 2-hop path is more reliable than the direct tie).
    #expect(close(a3[network("U")], 0.5625))
    // a(A,W) = max(0.35·0.75 = 0.2625 [2 hops], 0.5625·0.75 = 0.421875 [3 hops]) = 0.421875.
    #expect(close(a3[network("W")], 0.421875))
    // a(A,V) within 3 hops must use the direct consultation: 0.35·0.75·0.75 = 0.196875;
    // the 4-hop path 0.75⁴ = 0.31640625 is too long.
    #expect(close(a3[network("V")], 0.196875))
    let a4 = Reach.from(network("A"), in: graph, hops: 4)
    #expect(close(a4[network("V")], 0.31640625))
    // H = 2: a(A,W) = 0.35·0.75 = 0.2625 (the 0.421875 path has 3 hops), V unreachable.
    let a2 = Reach.from(network("A"), in: graph, hops: 2)
    #expect(close(a2[network("W")], 0.2625))
    #expect(a2[network("V")] == 0)
    // Full matrix agrees with single-source rows.
    let matrix = Reach.matrix(graph, hops: 3)
    let n = network.nodeCount
    #expect(Array(matrix[(network("A") * n)..<(network("A") * n + n)]) == a3)
  }

  @Test func pairReliabilityIsTheLargestOfItsObligations() throws {
    var world = MiniWorld()
    for id in ["A", "B", "C", "D"] { world.nation(id, lon: 0, capability: 1) }
    world.tie("A", "B", "consultation")
    world.tie("A", "B", "defense")  // max(0.35, 0.75) = 0.75
    world.tie("A", "C", "neutrality")  // r = 0: no capability
    world.tie("A", "C", "nonaggression")
    world.tie("A", "D", "exercise")  // a channel: no capability
    let network = try world.network()
    var parameters = ModelParameters.classic
    parameters.reliabilityConsultation = 0.9  // now consultation beats defense for the capability layer
    let capability = ReliabilityGraph(network, layer: ReliabilityGraph.capabilityLayer, parameters: parameters)
    let defense = ReliabilityGraph(network, layer: ReliabilityGraph.defenseLayer, parameters: parameters)
    #expect(capability.ties.map { [Double($0.0), Double($0.1), $0.2] } == [[0, 1, 0.9]])
    #expect(defense.ties.map { [Double($0.0), Double($0.1), $0.2] } == [[0, 1, 0.75]])
    // Neutrality and non-aggression are not in the capability layer (DESIGN §5): A–C has no r.
    #expect(network.reliability(0, 2, in: ReliabilityGraph.capabilityLayer, parameters: parameters) == 0)
    #expect(parameters.reliability(.neutrality) == 0 && parameters.reliability(.nonaggression) == 0)
  }

  @Test func greatCircleDistances() {
    // On the equator the haversine reduces to R·Δλ: 1° = 6371·π/180 = 111.19492664 km.
    #expect(close(Geography.distance(lat1: 0, lon1: 0, lat2: 0, lon2: 1), 111.19492664455873, 1e-12))
    #expect(close(Geography.distance(lat1: 0, lon1: 10, lat2: 0, lon2: 40), 3335.847799336762, 1e-12))
    // Equator to pole: a quarter of the circumference, π/2·6371 = 10007.543 km.
    #expect(close(Geography.distance(lat1: 0, lon1: 0, lat2: 90, lon2: 0), 10007.543398010286, 1e-12))
    // Antipodes: π·6371 = 20015.087 km.
    #expect(close(Geography.distance(lat1: 0, lon1: 0, lat2: 0, lon2: 180), 20015.086796020572, 1e-12))
    #expect(Geography.distance(lat1: .nan, lon1: 0, lat2: 0, lon2: 0).isNaN)
    #expect(Geography.distance(lat1: 12, lon1: 34, lat2: 12, lon2: 34) == 0)
  }

  @Test func decayFunctions() {
    var p = ModelParameters.classic
    // Default: exponential, halfDistance 3000 km.
    #expect(p.decayFactor(0) == 1)
    #expect(close(p.decayFactor(3000), 0.5))
    #expect(close(p.decayFactor(6000), 0.25))
    // 30° on the equator = 3335.8478 km: 0.5^(3335.8478/3000) = 0.46266848.
    #expect(close(p.decayFactor(30 * kmPerDegree), 0.4626684838495692, 1e-12))
    #expect(p.decayFactor(.nan) == 0)  // unknown distance
    p.decay = .hyperbolic
    // 1/(1 + 3335.8478/3000) = 0.47349622.
    #expect(close(p.decayFactor(30 * kmPerDegree), 0.47349622260718455, 1e-12))
    #expect(close(p.decayFactor(3000), 0.5))
    #expect(close(p.decayFactor(6000), 1.0 / 3))
    p.decay = .none
    #expect(p.decayFactor(12345) == 1)
    #expect(p.decayFactor(.nan) == 0)
  }

  @Test func distanceDecayInForceMultiplier() throws {
    // A at 0°, B at 30°E, C at 60°E on the equator; A–B and B–C defense. C_A = 1, C_B = 2, C_C = 4.
    var world = MiniWorld()
    world.nation("A", lon: 0, capability: 1)
    world.nation("B", lon: 30, capability: 2)
    world.nation("C", lon: 60, capability: 4)
    world.nation("Z", lon: nil, capability: 8)  // no capital: distance unknown, g = 0
    world.tie("A", "B", "defense")
    world.tie("B", "C", "defense")
    world.tie("A", "Z", "defense")
    let network = try world.network()
    let n = network.nodeCount
    #expect(close(network.distance[network("A") * n + network("C")], 60 * kmPerDegree, 1e-12))
    #expect(network.distance[network("A") * n + network("Z")].isNaN)
    var parameters = ModelParameters.classic
    // halfDistance = the 30° arc, so g(30°) = 0.5 and g(60°) = 0.25 (exponential).
    parameters.halfDistance = 30 * kmPerDegree
    let a = network("A")
    // E_A = 1 + 0.75·0.5·2 + 0.5625·0.25·4 + 0.75·0·8 = 1 + 0.75 + 0.5625 = 2.3125.
    let exponential = Assessment(network, parameters: parameters)
    #expect(close(exponential.nations[a].e, 2.3125))
    #expect(exponential.nations[a].partners == 2)  // Z adds nothing (g = 0)
    let contributions = exponential.contributions(of: a, in: network)
    #expect(contributions.map(\.partner) == [network("B"), network("C")])
    #expect(close(contributions[0].value, 0.75) && close(contributions[0].decay, 0.5) && close(contributions[0].reach, 0.75))
    #expect(close(contributions[1].value, 0.5625) && close(contributions[1].decay, 0.25))
    // Hyperbolic: g(30°) = 1/2, g(60°) = 1/3: E_A = 1 + 0.75·0.5·2 + 0.5625·4/3 = 1 + 0.75 + 0.75 = 2.5.
    parameters.decay = .hyperbolic
    #expect(close(Assessment(network, parameters: parameters).nations[a].e, 2.5))
    // No decay: E_A = 1 + 0.75·2 + 0.5625·4 = 4.75, but Z (unknown capital) still counts 0.
    parameters.decay = .none
    #expect(close(Assessment(network, parameters: parameters).nations[a].e, 4.75))
    // Default halfDistance 3000 km: g(30°) = 0.46266848, g(60°) = 0.21406213:
    // E_A = 1 + 0.75·0.46266848·2 + 0.5625·0.21406213·4 = 1 + 0.69400273 + 0.48163979 = 2.17564252.
    let g30 = 0.4626684838495692
    #expect(close(Assessment(network, parameters: ModelParameters.classic).nations[a].e, 1 + 0.75 * g30 * 2 + 0.5625 * g30 * g30 * 4, 1e-12))
  }
}
