import AllianceModel
import Foundation
import Testing

@testable import AllianceAnalytics

@Suite struct SimilarityAndBlocsTests {
  @Test func ordinalCoding() {
    #expect(PortfolioSimilarity.ordinal(TieTypeSet(.defense)) == 3)
    #expect(PortfolioSimilarity.ordinal(TieTypeSet(.offense)) == 3)
    #expect(PortfolioSimilarity.ordinal(TieTypeSet([.consultation, .nonaggression])) == 2)
    #expect(PortfolioSimilarity.ordinal(TieTypeSet(.neutrality)) == 2)
    #expect(PortfolioSimilarity.ordinal(TieTypeSet(.nonaggression)) == 1)
    #expect(PortfolioSimilarity.ordinal(TieTypeSet([.exercise, .arms])) == 0)
    #expect(PortfolioSimilarity.ordinal(TieTypeSet()) == 0)
  }

  @Test func threeNations() throws {
    // A–B defense (3), B–C consultation (2), A–C none (0); self = 3.
    // v_A = (3, 3, 0), v_B = (3, 3, 2), v_C = (0, 2, 3).
    var world = MiniWorld()
    for id in ["A", "B", "C"] { world.nation(id, lon: 0, capability: 1) }
    world.tie("A", "B", "defense")
    world.tie("B", "C", "consultation")
    world.tie("A", "C", "exercise")  // a channel does not count
    let network = try world.network()
    let s = PortfolioSimilarity.matrix(network)
    // S = 1 − 2·Σ|v_ik − v_jk| / (3·n), n = 3:
    // S_AB = 1 − 2·(0 + 0 + 2)/9 = 5/9; S_AC = 1 − 2·(3 + 1 + 3)/9 = −5/9; S_BC = 1 − 2·(3 + 1 + 1)/9 = −1/9.
    let expected: [Double] = [1, 5.0 / 9, -5.0 / 9, 5.0 / 9, 1, -1.0 / 9, -5.0 / 9, -1.0 / 9, 1]
    for k in 0..<9 { #expect(close(s[k], expected[k]), "entry \(k): \(s[k]) vs \(expected[k])") }
    // Häge's π and κ of A–B, by hand: D_o = 2/3; codes A {3, 3, 0}, B {3, 3, 2}.
    // κ: D_e = (2·1·|3−2| + 1·2·|0−3| + 1·1·|0−2|) / 9 = 10/9, κ = 1 − (2/3)/(10/9) = 0.4.
    // π: pooled p(3) = 4/6, p(0) = 1/6, p(2) = 1/6; D_e = 2·(4/36·3 + 4/36·1 + 1/36·2) = 1, π = 1/3.
    let indices = PortfolioSimilarity.indices(network)
    #expect(indices.s == s)
    #expect(close(indices.kappa[1], 0.4) && close(indices.kappa[3], 0.4))
    #expect(close(indices.pi[1], 1.0 / 3) && close(indices.pi[3], 1.0 / 3))
    #expect(indices.pi[0] == 1 && indices.kappa[4] == 1)
    // Two nations with identical portfolios are fully similar; opposite ones reach −1:
    // v = (3, 0) and (0, 3) for two untied nations: S = 1 − 2·6/6 = −1.
    var pair = MiniWorld()
    pair.nation("P", lon: 0, capability: 1)
    pair.nation("Q", lon: 0, capability: 1)
    #expect(close(PortfolioSimilarity.matrix(try pair.network())[1], -1))
  }

  @Test func estebanRay() {
    // α = 0: Σ_a π_a(1 − π_a) = 1 − Σπ² = 1 − (0.25 + 0.09 + 0.04) = 0.62.
    #expect(close(BlocStructure.estebanRay([0.5, 0.3, 0.2], alpha: 0), 0.62))
    // α = 1, two equal blocs: 2·0.5²·0.5 = 0.25.
    #expect(close(BlocStructure.estebanRay([0.5, 0.5], alpha: 1), 0.25))
    // α = 1.6: 0.5^2.6·0.5 + 0.3^2.6·0.7 + 0.2^2.6·0.8 = 0.0824692 + 0.0305924 + 0.0121834 = 0.1252450.
    #expect(close(BlocStructure.estebanRay([0.5, 0.3, 0.2], alpha: 1.6), 0.12524501224539034, 1e-12))
    // One bloc: no polarization.
    #expect(BlocStructure.estebanRay([1], alpha: 1.6) == 0)
    // Order of blocs does not matter.
    #expect(close(BlocStructure.estebanRay([0.2, 0.5, 0.3], alpha: 1.6), 0.12524501224539034, 1e-12))
  }

  @Test func blocsOfTwoTriangles() throws {
    // Two disjoint defense triangles {A, B, C} (capability 1 each) and {D, E, F} (2, 2, 3).
    var world = MiniWorld()
    for (id, c) in [("A", 1.0), ("B", 1), ("C", 1), ("D", 2), ("E", 2), ("F", 3)] { world.nation(id, lon: 0, capability: c) }
    for (a, b) in [("A", "B"), ("B", "C"), ("A", "C"), ("D", "E"), ("E", "F"), ("D", "F")] { world.tie(a, b, "defense") }
    let network = try world.network()
    let blocs = BlocStructure(network, parameters: ModelParameters())
    // Equal sizes: the bloc with the smallest member comes first.
    #expect(blocs.count == 2)
    #expect(blocs.bloc == [0, 0, 0, 1, 1, 1])
    // Shares 3/10 and 7/10; P = 0.3^2.6·0.7 + 0.7^2.6·0.3 = 0.1492720.
    #expect(close(blocs.capabilityShare[0], 0.3) && close(blocs.capabilityShare[1], 0.7))
    #expect(close(blocs.polarization, 0.1492720058050555, 1e-12))
    // Two disjoint cliques of equal size: modularity 1/2.
    #expect(close(blocs.modularity, 0.5, 1e-9))
  }
}
