import AllianceModel
import Foundation
import Testing

@testable import AllianceAnalytics

/// Treaty status, explicit reliability and threat intensity (DESIGN §5), hand-computed on
/// two nations at the same capital (g = 1): E_A = C_A + r·C_B, Θ_A = w·C_T.
@Suite struct StatusAndIntensityTests {
  func pair(_ configure: (inout MiniWorld) -> Void) throws -> StrategicNetwork {
    var world = MiniWorld()
    world.nation("A", lon: 0, capability: 1)
    world.nation("B", lon: 0, capability: 10)
    world.nation("T", lon: 0, capability: 4)
    configure(&world)
    return try world.network()
  }

  func e(_ network: StrategicNetwork) -> Double { Assessment(network, parameters: ModelParameters()).nations[network("A")].e }

  @Test func activeTreatyUsesBaseReliability() throws {
    let network = try pair { $0.alliance("P", "defense", members: ["A", "B"]) }
    #expect(network.reliability(network("A"), network("B"), in: ReliabilityGraph.defenseLayer, parameters: ModelParameters()) == 0.75)
    #expect(close(e(network), 1 + 0.75 * 10))
  }

  @Test func dormantAndSuspendedTreatiesMultiplyReliability() throws {
    let dormant = try pair { $0.alliance("P", "defense", members: ["A", "B"], status: "dormant") }
    // r = 0.75 · 0.30 = 0.225: E_A = 1 + 2.25.
    #expect(close(dormant.reliability(0, 1, in: ReliabilityGraph.defenseLayer, parameters: ModelParameters()), 0.225))
    #expect(close(e(dormant), 3.25))
    let suspended = try pair { $0.alliance("P", "defense;consultation", members: ["A", "B"], status: "suspended") }
    // r = max(0.75, 0.35) · 0.10 = 0.075.
    #expect(close(suspended.reliability(0, 1, in: ReliabilityGraph.capabilityLayer, parameters: ModelParameters()), 0.075))
    #expect(close(e(suspended), 1.75))
    var parameters = ModelParameters()
    parameters.statusDormant = 0.5
    #expect(close(dormant.reliability(0, 1, in: ReliabilityGraph.defenseLayer, parameters: parameters), 0.375))
  }

  @Test func explicitReliabilityWinsOverTypeAndStatus() throws {
    let network = try pair { $0.alliance("P", "consultation;nonaggression", members: ["A", "B"], status: "dormant", reliability: 0.1) }
    #expect(close(network.reliability(0, 1, in: ReliabilityGraph.capabilityLayer, parameters: ModelParameters()), 0.1))
    // No defense type: nothing in the defense layer, whatever the override.
    #expect(network.reliability(0, 1, in: ReliabilityGraph.defenseLayer, parameters: ModelParameters()) == 0)
    #expect(close(e(network), 2))
  }

  @Test func theBestSourceOfAPairCounts() throws {
    // A dormant bilateral treaty does not weaken an active alliance between the same pair.
    let network = try pair { w in
      w.alliance("OLD", "defense", members: ["A", "B"], status: "dormant")
      w.alliance("NEW", "defense", members: ["A", "B", "T"])
    }
    #expect(network.reliability(0, 1, in: ReliabilityGraph.defenseLayer, parameters: ModelParameters()) == 0.75)
    #expect(network.qualifiedSources(0, 1).map(\.origin).sorted() == ["NEW", "OLD"])
    // A type that only the dormant treaty carries keeps the dormant r.
    let mixed = try pair { w in
      w.alliance("OLD", "defense", members: ["A", "B"], status: "dormant")
      w.alliance("TALK", "consultation", members: ["A", "B"])
    }
    #expect(close(mixed.reliability(0, 1, in: ReliabilityGraph.defenseLayer, parameters: ModelParameters()), 0.225))
    #expect(close(mixed.reliability(0, 1, in: ReliabilityGraph.capabilityLayer, parameters: ModelParameters()), 0.35))
  }

  @Test func aScenarioTieOnAQualifiedPairUsesBaseReliability() throws {
    var network = try pair { $0.alliance("P", "consultation", members: ["A", "B"], status: "dormant") }
    #expect(close(network.reliability(0, 1, in: ReliabilityGraph.capabilityLayer, parameters: ModelParameters()), 0.105))
    network.addTypes(TieTypeSet(.defense), 0, 1)
    #expect(network.reliability(0, 1, in: ReliabilityGraph.capabilityLayer, parameters: ModelParameters()) == 0.75)
    network.removeTypes(TieTypeSet(rawValue: .max), 0, 1)
    #expect(network.reliability(0, 1, in: ReliabilityGraph.capabilityLayer, parameters: ModelParameters()) == 0)
  }

  @Test func threatIntensityWeighsThreatPressure() throws {
    let network = try pair { w in
      w.tie("A", "B", "defense")
      w.threat("A", "T", intensity: 0.25)
    }
    let a = Assessment(network, parameters: ModelParameters()).nations[network("A")]
    // Θ_A = 0.25 · 1 · 4 = 1; D_A = 1 + 0.75 · 10 = 8.5.
    #expect(close(a.theta, 1))
    #expect(close(a.cr, 8.5))
    #expect(network.threatWeight(network("A"), network("T")) == 0.25)
    let full = try pair { w in
      w.tie("A", "B", "defense")
      w.threat("A", "T")
    }
    #expect(close(Assessment(full, parameters: ModelParameters()).nations[full("A")].theta, 4))
  }
}
