import AllianceModel

/// One year of a dataset ready for analysis: the snapshot, its strategic network and the
/// name and group lookups every command uses. The library entry point: a Swift program does
/// what a command does in a few lines (README "Using the library"):
///
/// ```swift
/// let network = try DatasetLoader.load(nil)            // the built-in curated dataset
/// let year = try AnalysisYear(network, parameters: ModelParameters())
/// let pakistan = try year.node("Pakistan", needsData: true)
/// let gaps = Assessment(year.strategic, parameters: year.parameters)
/// print(gaps.nations[pakistan].cr)
/// ```
public struct AnalysisYear: Sendable {
  public let network: AllianceNetwork
  public let snapshot: YearSnapshot
  public let strategic: StrategicNetwork
  public let parameters: ModelParameters

  /// The snapshot of `year` (default: the dataset's as-of year) with the dispute window of
  /// `parameters`. O(snapshot + n²).
  public init(_ network: AllianceNetwork, year: Int? = nil, parameters: ModelParameters = ModelParameters()) throws(SnapshotError) {
    self.network = network
    self.parameters = parameters
    snapshot = try YearSnapshot(network: network, year: year ?? network.metadata.asOf, options: SnapshotOptions(disputeWindow: parameters.disputeWindow))
    strategic = StrategicNetwork(snapshot: snapshot, network: network)
  }

  /// Whether nation index `nation` is in this year's snapshot.
  public func isPresent(_ nation: Int) -> Bool { snapshot.node(ofNation: nation) != nil }

  /// The node of the nation named `text` (code, abbreviation, name or alias; a name several
  /// states carried picks the one present this year).
  /// - Throws: ``AnalysisYearError`` when unknown, absent this year, or (with `needsData`)
  ///   without capability or capital coordinates.
  public func node(_ text: String, needsData: Bool = false) throws(AnalysisYearError) -> Int {
    let index: Int
    do {
      index = try network.resolve(text) { isPresent($0) }
    } catch {
      throw .lookup(error)
    }
    let name = network.nations[index].name
    guard let node = snapshot.node(ofNation: index) else { throw .absent(name, year: snapshot.year) }
    if needsData {
      guard snapshot.capabilityKnown[Int(node)] else { throw .noCapability(name, year: snapshot.year) }
      guard snapshot.latitude[Int(node)].isFinite else { throw .noCapital(name, year: snapshot.year) }
    }
    return Int(node)
  }

  /// The nodes of group `name` present this year (sorted), and how many of its members are
  /// not (absent this year or missing from the dataset). See
  /// ``AllianceNetwork/resolveGroup(_:preferring:)``.
  public func group(_ name: String) throws -> (nodes: [Int], absent: Int) {
    let group = try network.resolveGroup(name) { isPresent($0) }
    let nodes = group.members.compactMap { snapshot.node(ofNation: $0) }.map { Int($0) }.sorted()
    return (nodes, group.members.count - nodes.count + group.missing)
  }

  public var ids: [String] { strategic.ids }
  public var names: [String] { strategic.names }
}

/// Why a nation cannot be analysed in a year.
public enum AnalysisYearError: Error, CustomStringConvertible, Equatable {
  case lookup(NationLookupError)
  case absent(String, year: Int)
  case noCapability(String, year: Int)
  case noCapital(String, year: Int)

  public var description: String {
    switch self {
    case .lookup(let error): error.description
    case .absent(let name, let year): "\(name) is not in the \(year) snapshot"
    case .noCapability(let name, let year): "\(name) has no capability data in \(year)"
    case .noCapital(let name, let year): "\(name) has no capital coordinates in \(year)"
    }
  }
}
