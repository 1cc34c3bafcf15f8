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

/// One row of the sensitivity grid: the verdict counts with one prior fixed at an end of
/// its range.
public struct ThesisSensitivityRow: Sendable {
  /// The prior's name (``ThesisPrior/name``) and the end, `low` or `high`.
  public var prior: String
  public var end: String
  public var value: Double
  public var counts: VerdictCounts
  public var versusNATO: VerdictCounts
}

extension Thesis {
  /// Per prior of ``ThesisPriors/all``, the verdicts of `comparisons` re-run with the prior
  /// fixed at its low and at its high end (``reverdict(_:parameters:fixing:at:rule:threads:)``);
  /// `withoutData` members count as no verdict in every row. `progress(done, total)` is
  /// called before each of the 2 × priors runs; returning false stops (nil).
  /// O(priors · comparisons · draws · options).
  public static func sensitivity(
    _ comparisons: [ThesisComparison], parameters: ThesisParameters, rule: ThesisRule, withoutData: Int = 0, threads: Int = 1,
    progress: (Int, Int) -> Bool = { _, _ in true }
  ) -> [ThesisSensitivityRow]? {
    var rows: [ThesisSensitivityRow] = []
    let runs = ThesisPriors.all.count * 2
    for (p, prior) in ThesisPriors.all.enumerated() {
      for (e, end) in ["low", "high"].enumerated() {
        guard progress(p * 2 + e, runs) else { return nil }
        let value = e == 0 ? prior.low : prior.high
        var counts = VerdictCounts(), nato = VerdictCounts()
        counts.noVerdict = withoutData
        nato.noVerdict = withoutData
        for c in comparisons {
          let (contest, versus) = reverdict(c, parameters: parameters, fixing: p, at: value, rule: rule, threads: threads)
          counts.add(contest?.verdict)
          nato.add(versus?.verdict)
        }
        rows.append(ThesisSensitivityRow(prior: prior.name, end: end, value: value, counts: counts, versusNATO: nato))
      }
    }
    return rows
  }
}
