import AllianceModel
import GraphCore

/// An alliance in force in a ``StrategicNetwork``.
public struct AllianceInForce: Sendable, Hashable {
  public var id: String
  public var name: String
  /// Node ids of the members.
  public var members: [Int]
  public var obligations: TieTypeSet
  public var integratedCommand: Bool
}

/// One year of a network in the dense form the domain analytics work on: tie types and
/// threats as n × n matrices, capitals' distances, capability. Scenarios (what-if) edit it.
///
/// Memory O(n²): meant for the state system (≤ a few thousand nations), not for the
/// benchmark graphs of GraphCore.
public struct StrategicNetwork: Sendable {
  public let year: Int
  public private(set) var nodeCount: Int
  /// Dataset id, name and region per node.
  public var ids: [String]
  public var names: [String]
  public var regions: [Region?]
  /// Capability per node (0 when unknown, see ``capabilityKnown``).
  public var capability: [Double]
  public var capabilityKnown: [Bool]
  /// Great-circle distance between capitals in km, n × n; NaN when unknown, 0 on the diagonal.
  public var distance: [Double]
  /// Tie types per pair, n × n and symmetric (raw ``TieTypeSet`` bits).
  public var types: [UInt16]
  /// Mutual threats, n × n and symmetric.
  public var threat: [Bool]
  /// Pairs that share an alliance with an integrated command, n × n.
  public var sharedCommand: [Bool]
  public var alliances: [AllianceInForce]
  /// The network nation index of every node, for going back to the dataset.
  public let nationIndex: [Int]

  /// Builds the dense form of `snapshot`. O(n² + ties + alliance members²).
  public init(snapshot: YearSnapshot, network: AllianceNetwork) {
    year = snapshot.year
    let n = snapshot.nodeCount
    nodeCount = n
    nationIndex = snapshot.nations
    ids = snapshot.nations.map { network.nations[$0].id }
    names = snapshot.nations.map { network.nations[$0].name }
    regions = snapshot.region
    capability = snapshot.capability
    capabilityKnown = snapshot.capabilityKnown
    var distance = [Double](repeating: .nan, count: n * n)
    for i in 0..<n {
      distance[i * n + i] = 0
      for j in (i + 1)..<max(i + 1, n) {
        let d = Geography.distance(
          lat1: snapshot.latitude[i], lon1: snapshot.longitude[i], lat2: snapshot.latitude[j], lon2: snapshot.longitude[j])
        distance[i * n + j] = d
        distance[j * n + i] = d
      }
    }
    self.distance = distance
    var types = [UInt16](repeating: 0, count: n * n)
    for u in 0..<n {
      for entry in snapshot.union.offsets[u]..<snapshot.union.offsets[u + 1] {
        types[u * n + Int(snapshot.union.targets[entry])] = snapshot.unionTypes[entry].rawValue
      }
    }
    self.types = types
    var threat = [Bool](repeating: false, count: n * n)
    for u in 0..<n {
      for v in snapshot.threats.neighbors(of: UInt32(u)) { threat[u * n + Int(v)] = true }
    }
    self.threat = threat
    var shared = [Bool](repeating: false, count: n * n)
    var alliances: [AllianceInForce] = []
    for active in snapshot.alliances {
      let alliance = network.alliances[active.alliance]
      let members = active.members.map { Int($0) }
      alliances.append(
        AllianceInForce(
          id: alliance.id, name: alliance.name, members: members, obligations: alliance.obligations,
          integratedCommand: alliance.integratedCommand))
      guard alliance.integratedCommand else { continue }
      for a in members { for b in members where a != b { shared[a * n + b] = true } }
    }
    sharedCommand = shared
    self.alliances = alliances
  }

  /// The tie types between `i` and `j`.
  @inlinable public func types(_ i: Int, _ j: Int) -> TieTypeSet { TieTypeSet(rawValue: types[i * nodeCount + j]) }

  /// Whether `j` threatens `i` (threats are mutual).
  @inlinable public func isThreat(_ i: Int, _ j: Int) -> Bool { threat[i * nodeCount + j] }

  /// The threats of `i`.
  public func threats(of i: Int) -> [Int] { (0..<nodeCount).filter { threat[i * nodeCount + $0] } }

  /// The node whose id, name or abbreviation is `text` is resolved by the caller through the
  /// dataset; this finds a node by dataset id.
  public func node(id: String) -> Int? { ids.firstIndex(of: id) }

  // MARK: Editing (what-if)

  /// Adds tie types between `i` and `j`.
  public mutating func addTypes(_ set: TieTypeSet, _ i: Int, _ j: Int) {
    guard i != j else { return }
    types[i * nodeCount + j] |= set.rawValue
    types[j * nodeCount + i] |= set.rawValue
  }

  /// Removes tie types between `i` and `j` (all of them by default).
  public mutating func removeTypes(_ set: TieTypeSet = TieTypeSet(rawValue: .max), _ i: Int, _ j: Int) {
    types[i * nodeCount + j] &= ~set.rawValue
    types[j * nodeCount + i] &= ~set.rawValue
  }

  /// Nation `k` leaves all its ties and alliances (defection or collapse); it stays a
  /// nation with its capability and its threats.
  public mutating func defect(_ k: Int) {
    for j in 0..<nodeCount {
      types[k * nodeCount + j] = 0
      types[j * nodeCount + k] = 0
      sharedCommand[k * nodeCount + j] = false
      sharedCommand[j * nodeCount + k] = false
    }
    for index in alliances.indices { alliances[index].members.removeAll { $0 == k } }
  }

  /// Alliance `index` lapses: its obligation types are removed between its members, and its
  /// integrated command no longer links them. Pairs tied by the same types through another
  /// alliance in force keep them.
  public mutating func dropAlliance(_ index: Int) {
    let lapsed = alliances[index]
    alliances.remove(at: index)
    for a in lapsed.members {
      for b in lapsed.members where a < b {
        var keep = TieTypeSet()
        var command = false
        for other in alliances where other.members.contains(a) && other.members.contains(b) {
          keep.formUnion(other.obligations)
          command = command || other.integratedCommand
        }
        removeTypes(lapsed.obligations.subtracting(keep), a, b)
        if lapsed.integratedCommand && !command {
          sharedCommand[a * nodeCount + b] = false
          sharedCommand[b * nodeCount + a] = false
        }
      }
    }
  }

  /// `member` joins alliance `index`: ties of its obligation types to every member.
  public mutating func join(_ member: Int, alliance index: Int) {
    for other in alliances[index].members where other != member {
      addTypes(alliances[index].obligations, member, other)
      if alliances[index].integratedCommand {
        sharedCommand[member * nodeCount + other] = true
        sharedCommand[other * nodeCount + member] = true
      }
    }
    if !alliances[index].members.contains(member) { alliances[index].members.append(member) }
  }

  /// Adds a new alliance of `members` with `obligations`.
  public mutating func addAlliance(id: String, name: String, members: [Int], obligations: TieTypeSet, integratedCommand: Bool) {
    for a in members {
      for b in members where a < b {
        addTypes(obligations, a, b)
        if integratedCommand {
          sharedCommand[a * nodeCount + b] = true
          sharedCommand[b * nodeCount + a] = true
        }
      }
    }
    alliances.append(AllianceInForce(id: id, name: name, members: members, obligations: obligations, integratedCommand: integratedCommand))
  }

  /// κ between `j` and `k`: 1 (by default) for a shared integrated command, else the
  /// largest weight of their cooperation channels, else 0.
  @inlinable public func kappa(_ j: Int, _ k: Int, _ parameters: ModelParameters) -> Double {
    if sharedCommand[j * nodeCount + k] { return parameters.kappaIntegratedCommand }
    let channels = TieTypeSet(rawValue: types[j * nodeCount + k]).channels
    guard !channels.isEmpty else { return 0 }
    var best = 0.0
    for type in TieType.channels where channels.contains(type) { best = max(best, parameters.kappa(type)) }
    return best
  }
}
