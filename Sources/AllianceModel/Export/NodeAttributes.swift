/// Extra per-node values to carry into an export (e.g. analytics results such as force
/// multiplier or a centrality), so Gephi users can style by them.
public struct NodeAttributes: Sendable {
  /// Numeric columns: name and one value per snapshot node (NaN = no value).
  public var numbers: [(name: String, values: [Double])] = []
  /// Text columns: name and one value per snapshot node (empty = no value).
  public var texts: [(name: String, values: [String])] = []
  public init() {}

  public mutating func add(_ name: String, _ values: [Double]) { numbers.append((name, values)) }
  public mutating func add(_ name: String, _ values: [String]) { texts.append((name, values)) }
}

/// The attributes every export writes for a snapshot node.
struct NodeRecord {
  let id: String
  let name: String
  let abbreviation: String
  let cow: Int?
  let region: String
  let capability: Double
  let capabilityKnown: Bool
  let latitude: Double
  let longitude: Double
  let majorPower: Bool
  let threats: [String]

  static func all(_ snapshot: YearSnapshot, _ network: AllianceNetwork) -> [NodeRecord] {
    (0..<snapshot.nodeCount).map { node in
      let nation = network.nations[snapshot.nations[node]]
      let threats = snapshot.threats.neighbors(of: UInt32(node)).map { snapshot.labels.label(of: $0) }
      return NodeRecord(
        id: nation.id, name: nation.name, abbreviation: nation.abbreviation, cow: nation.cow,
        region: nation.region?.rawValue ?? "", capability: snapshot.capability[node],
        capabilityKnown: snapshot.capabilityKnown[node], latitude: snapshot.latitude[node],
        longitude: snapshot.longitude[node], majorPower: snapshot.majorPower[node], threats: threats)
    }
  }
}
