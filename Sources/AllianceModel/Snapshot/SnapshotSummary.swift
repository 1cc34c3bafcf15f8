/// Counts that describe one snapshot: what `alliance info` prints for a dataset.
public struct SnapshotSummary: Sendable {
  public let year: Int
  public let nations: Int
  public let withCapability: Int
  public let withCapital: Int
  /// The share of total capability held by nations with data (1 when all have it).
  public let capabilityTotal: Double
  /// Undirected ties per type, each pair counted once per type.
  public let ties: [(type: TieType, count: Int)]
  /// Pairs with any tie, with any obligation, and with a capability-bearing one (defense, offense, consultation).
  public let tiedPairs: Int
  public let obligationPairs: Int
  public let alliances: Int
  public let bilateral: Int
  public let trilateral: Int
  public let multilateral: Int
  public let threatPairs: Int
  public let majorPowers: Int

  /// O(nodes + edges).
  public init(_ snapshot: YearSnapshot, network: AllianceNetwork) {
    year = snapshot.year
    nations = snapshot.nodeCount
    withCapability = snapshot.capabilityKnown.filter { $0 }.count
    withCapital = snapshot.latitude.filter { $0.isFinite }.count
    capabilityTotal = snapshot.capability.reduce(0, +)
    ties = TieType.allCases.map { ($0, snapshot.layer($0).edgeCount) }
    tiedPairs = snapshot.union.edgeCount
    var obligation = 0
    for entry in snapshot.unionTypes.indices where !snapshot.unionTypes[entry].obligations.isEmpty { obligation += 1 }
    obligationPairs = obligation / 2
    alliances = snapshot.alliances.count
    var counts = [0, 0, 0]
    for active in snapshot.alliances {
      switch network.alliances[active.alliance].kind {
      case "bilateral": counts[0] += 1
      case "trilateral": counts[1] += 1
      default: counts[2] += 1
      }
    }
    bilateral = counts[0]
    trilateral = counts[1]
    multilateral = counts[2]
    threatPairs = snapshot.threats.edgeCount
    majorPowers = snapshot.majorPower.filter { $0 }.count
  }
}
