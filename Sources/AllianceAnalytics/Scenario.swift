import AllianceModel
import GraphAlgorithms
import GraphCore

/// One change of a what-if scenario (nodes are ``StrategicNetwork`` node ids).
public enum ScenarioChange: Sendable, Hashable, CustomStringConvertible {
  /// The nation leaves all its ties and alliances (defection or collapse).
  case defect(Int)
  /// Every treaty obligation between the two nations lapses (channels stay).
  case dropTie(Int, Int)
  /// A whole alliance lapses (by its id).
  case dropAlliance(String)
  /// A new tie of one type.
  case addTie(Int, Int, TieType)
  /// A cooperation channel is added or dropped.
  case addChannel(Int, Int, TieType)
  case dropChannel(Int, Int, TieType)
  /// A nation joins an alliance in force.
  case joinAlliance(Int, String)
  /// A new alliance of the given members and obligations.
  case addAlliance(name: String, members: [Int], obligations: TieTypeSet)
  /// A capability changes.
  case setCapability(Int, Double)

  public var description: String {
    switch self {
    case .defect(let k): "defect \(k)"
    case .dropTie(let a, let b): "drop-tie \(a),\(b)"
    case .dropAlliance(let id): "drop-alliance \(id)"
    case .addTie(let a, let b, let t): "add-tie \(a),\(b),\(t)"
    case .addChannel(let a, let b, let t): "add-channel \(a),\(b),\(t)"
    case .dropChannel(let a, let b, let t): "drop-channel \(a),\(b),\(t)"
    case .joinAlliance(let a, let id): "join \(a),\(id)"
    case .addAlliance(let name, let members, let obligations): "add-alliance \(name) \(members) \(obligations)"
    case .setCapability(let k, let v): "set-capability \(k)=\(v)"
    }
  }
}

/// A scenario change that does not parse, or cannot be applied (e.g. an alliance that is
/// not in force).
public struct ScenarioError: Error, CustomStringConvertible, Equatable {
  public let description: String
  public init(_ description: String) { self.description = description }
}

/// What-if scenarios: apply changes to a year's network and compare every nation.
public enum Scenario {
  /// Applies `changes` in order.
  /// - Throws: ``ScenarioError`` for an unknown alliance or a channel change with a non-channel type.
  public static func apply(_ changes: [ScenarioChange], to network: inout StrategicNetwork) throws(ScenarioError) {
    for change in changes {
      switch change {
      case .defect(let k): network.defect(k)
      case .dropTie(let a, let b): network.removeTypes(TieTypeSet(TieType.obligations), a, b)
      case .dropAlliance(let id):
        guard let index = network.alliances.firstIndex(where: { $0.id.lowercased() == id.lowercased() || $0.name.lowercased() == id.lowercased() }) else {
          throw ScenarioError("no alliance \"\(id)\" in force in \(network.year); in force: \(network.alliances.prefix(12).map(\.id).joined(separator: ", "))\(network.alliances.count > 12 ? ", …" : "")")
        }
        network.dropAlliance(index)
      case .addTie(let a, let b, let type):
        guard a != b else { throw ScenarioError("a tie of a nation with itself") }
        network.addTypes(TieTypeSet(type), a, b)
      case .addChannel(let a, let b, let type):
        guard type.isChannel else { throw ScenarioError("\(type) is not a cooperation channel: expected \(TieType.channels.map(\.name).joined(separator: ", "))") }
        guard a != b else { throw ScenarioError("a channel of a nation with itself") }
        network.addTypes(TieTypeSet(type), a, b)
      case .dropChannel(let a, let b, let type):
        guard type.isChannel else { throw ScenarioError("\(type) is not a cooperation channel") }
        network.removeTypes(TieTypeSet(type), a, b)
      case .joinAlliance(let member, let id):
        guard let index = network.alliances.firstIndex(where: { $0.id.lowercased() == id.lowercased() || $0.name.lowercased() == id.lowercased() }) else {
          throw ScenarioError("no alliance \"\(id)\" in force in \(network.year)")
        }
        network.join(member, alliance: index)
      case .addAlliance(let name, let members, let obligations):
        network.addAlliance(id: name, name: name, members: members, obligations: obligations, integratedCommand: false)
      case .setCapability(let k, let value):
        guard value >= 0 && value.isFinite else { throw ScenarioError("capability must be a non-negative number, got \(value)") }
        network.capability[k] = value
        network.capabilityKnown[k] = true
      }
    }
  }

  /// Betweenness centrality (normalised as networkx) on the capability-bearing layer.
  public static func centrality(_ network: StrategicNetwork, threads: Int = 1) -> [Double] {
    let graph = network.layerGraph(ReliabilityGraph.capabilityLayer)
    var options = BetweennessOptions()
    options.threads = threads
    return (try? Betweenness.compute(graph, options: options)) ?? [Double](repeating: 0, count: network.nodeCount)
  }
}
