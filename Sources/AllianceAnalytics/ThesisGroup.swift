import AllianceModel

/// Verdict counts over a group's members.
public struct VerdictCounts: Sendable, Equatable {
  public var yes = 0, no = 0, undecided = 0
  /// Members without a verdict (no alliance option, or no data to compare).
  public var noVerdict = 0
  public init() {}

  mutating func add(_ verdict: ThesisVerdict?) {
    switch verdict {
    case .yes: yes += 1
    case .no: no += 1
    case .undecided: undecided += 1
    case nil: noVerdict += 1
    }
  }
}

/// The thesis for every member of a group (one implementation for `strategies --group`
/// and the report's group section): a comparison for each member with the data it needs,
/// a reason for each other member, and the verdict counts, against the best alliance
/// option and against "as if a member of NATO".
public struct GroupThesis: Sendable {
  public enum Member: Sendable {
    case compared(ThesisComparison)
    /// A member left out, with the reason (`no capability data`, `no capital coordinates`).
    case leftOut(node: Int, reason: String)

    public var node: Int {
      switch self {
      case .compared(let c): c.focus
      case .leftOut(let node, _): node
      }
    }
  }

  /// In the order of the members given.
  public var members: [Member]
  public var counts = VerdictCounts()
  public var versusNATO = VerdictCounts()

  /// The comparisons made, in member order.
  public var comparisons: [ThesisComparison] {
    members.compactMap { if case .compared(let c) = $0 { c } else { nil } }
  }
}

extension Thesis {
  /// Compares every member of `members` that has capability data and capital coordinates
  /// (`hasCoordinates[node]`); the others are left out with a reason and count as no
  /// verdict. O(members · ``compare(_:source:focus:parameters:model:rule:threads:)``),
  /// members in parallel.
  public static func group(
    _ network: StrategicNetwork, source: AllianceNetwork, members: [Int], hasCoordinates: [Bool], parameters: ThesisParameters,
    model: FormationModel?, rule: ThesisRule = ThesisRule(), threads: Int = 1
  ) -> GroupThesis {
    let comparable = members.filter { network.capabilityKnown[$0] && hasCoordinates[$0] }
    var compared = compareGroup(network, source: source, members: comparable, parameters: parameters, model: model, rule: rule, threads: threads)
      .makeIterator()
    var result = GroupThesis(members: [])
    for node in members {
      if network.capabilityKnown[node] && hasCoordinates[node], let c = compared.next() {
        result.members.append(.compared(c))
        result.counts.add(c.contest?.verdict)
        result.versusNATO.add(c.versusNATO?.verdict)
      } else {
        result.members.append(.leftOut(node: node, reason: network.capabilityKnown[node] ? "no capital coordinates" : "no capability data"))
        result.counts.add(nil)
        result.versusNATO.add(nil)
      }
    }
    return result
  }
}
