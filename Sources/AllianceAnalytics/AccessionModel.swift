import AllianceModel
import Foundation

/// The features of `p_join(i, A)`: nation i entering alliance A (DESIGN §6).
public enum AccessionFeatures {
  public static let names = [
    "intercept", "log_distance_to_nearest_member", "share_members_pledged", "share_members_with_channels", "share_members_sharing_a_threat",
    "share_members_in_region", "log_members", "major_power", "cold_war", "post_cold_war",
  ]

  /// The row of (i, members) in `context`'s year. O(members · n/64).
  public static func row(_ i: Int, members: [Int], in context: FormationContext) -> [Double] {
    let network = context.network, n = network.nodeCount
    var nearest = Double.infinity, pledged = 0, channels = 0, sharing = 0, region = 0
    for m in members where m != i {
      let d = network.distance[i * n + m]
      if d.isFinite { nearest = min(nearest, d) }
      let types = network.types(i, m)
      if !types.obligations.isEmpty { pledged += 1 }
      if !types.channels.isEmpty { channels += 1 }
      if context.count(context.threats, i, context.threats, m) > 0 { sharing += 1 }
      if network.regions[i] != nil && network.regions[i] == network.regions[m] { region += 1 }
    }
    let count = Double(max(1, members.count))
    let era = FormationFeatures.era(network.year)
    return [
      1, log(1 + (nearest.isFinite ? nearest : 20_000) / 1000), Double(pledged) / count, Double(channels) / count, Double(sharing) / count,
      Double(region) / count, log(count), network.majorPower[i] ? 1 : 0, era == 1 ? 1 : 0, era == 2 ? 1 : 0,
    ]
  }
}

/// Why p_join is zero, or the model's probability.
public struct AccessionEstimate: Sendable, Hashable {
  public var alliance: Int
  /// 0 when not eligible or when a member is a threat.
  public var probability: Double?
  public var eligible: Bool
  /// Members of the alliance that are threats of the nation.
  public var threatMembers: [Int]
  public var reason: String
}

/// The accession model: a logistic model of states entering an alliance after its founding,
/// fitted on ATOP with the no-look-ahead rule of the formation model.
public struct AccessionModel: Sendable, Hashable, Codable {
  public var fit: LogisticFit
  public var firstYear: Int
  public var lastYear: Int
  public var horizon: Int

  /// p_join(i, A) for the alliance in force `active` of `strategic` (index into its
  /// alliances): 0 when i is not eligible (the dataset's rule; for ATOP treaties, states of
  /// regions holding a third of the members, unless the treaty is bilateral) or when a member is a threat of i.
  public func estimate(
    _ i: Int, alliance active: Int, strategic: StrategicNetwork, network: AllianceNetwork, context: FormationContext
  ) -> AccessionEstimate {
    let alliance = strategic.alliances[active]
    let index = network.alliances.firstIndex { $0.id == alliance.id }
    let eligible = AccessionRules.isEligible(i, alliance: alliance, allianceIndex: index, strategic: strategic, network: network)
    let threats = alliance.members.filter { strategic.isThreat(i, $0) }
    guard eligible else { return AccessionEstimate(alliance: active, probability: 0, eligible: false, threatMembers: threats, reason: "not eligible") }
    guard threats.isEmpty else {
      return AccessionEstimate(
        alliance: active, probability: 0, eligible: true, threatMembers: threats,
        reason: "holds a threat: \(threats.map { strategic.ids[$0] }.joined(separator: ", "))")
    }
    let p = fit.probability(AccessionFeatures.row(i, members: alliance.members, in: context))
    return AccessionEstimate(alliance: active, probability: p, eligible: true, threatMembers: [], reason: "")
  }
}

/// Who may join an alliance in force.
public enum AccessionRules {
  /// The dataset's eligibility rule when it has one; otherwise (ATOP) the states of the
  /// regions that hold at least a third of the members, and nobody for a bilateral treaty.
  /// Members are eligible.
  public static func isEligible(_ i: Int, alliance: AllianceInForce, allianceIndex: Int?, strategic: StrategicNetwork, network: AllianceNetwork) -> Bool {
    if alliance.members.contains(i) { return true }
    if let index = allianceIndex, let rule = network.isEligible(strategic.nationIndex[i], for: index, in: strategic.year) { return rule }
    if let index = allianceIndex, network.alliances[index].note == "bilateral" || Set(network.alliances[index].members.map(\.nation)).count <= 2 {
      return false
    }
    // A region counts when it holds at least a third of the members: NATO (Europe) is not
    // open to the Middle East for holding Turkey, nor to the Americas for the US and Canada.
    var count: [Region: Int] = [:]
    for member in alliance.members { if let region = strategic.regions[member] { count[region, default: 0] += 1 } }
    guard let region = strategic.regions[i], let held = count[region] else { return false }
    return 3 * held >= alliance.members.count
  }
}

public enum AccessionFitter {
  /// The model for year `year`: alliance-years y ≤ year − K of treaties in force (after
  /// their founding year), for every eligible non-member without a threat among the members;
  /// positive when the nation enters within y+1 … y+K. All positives and a hashed share of
  /// the negatives (`negativeRate`, weight 1/rate). O(years · alliances · n · members).
  public static func model(
    for year: Int, network: AllianceNetwork, options: FormationOptions = FormationOptions(), negativeRate: Double = 0.05, disputeWindow: Int = 10
  ) throws(LogisticFitError) -> AccessionModel {
    guard let table = network.dyadYears, table.count > 0 else {
      throw LogisticFitError("\(network.metadata.name) has no alliance history to fit an accession model on (ATOP/COW data has)")
    }
    let lastYear = min(year, table.lastYear) - options.horizon
    let firstYear = max(options.firstYear, network.years.lowerBound, table.firstYear)
    guard lastYear >= firstYear else { throw LogisticFitError("no complete \(options.horizon)-year window before \(year)") }
    var x: [Double] = [], outcome: [Double] = [], weight: [Double] = []
    for y in firstYear...lastYear {
      guard let snapshot = try? YearSnapshot(network: network, year: y, options: SnapshotOptions(disputeWindow: disputeWindow)) else { continue }
      let strategic = StrategicNetwork(snapshot: snapshot, network: network)
      let context = FormationContext(strategic)
      for alliance in strategic.alliances where alliance.members.count >= 2 {
        guard let index = network.alliances.firstIndex(where: { $0.id == alliance.id }), network.alliances[index].span.start < y else { continue }
        let source = network.alliances[index]
        for i in 0..<strategic.nodeCount where !alliance.members.contains(i) {
          guard AccessionRules.isEligible(i, alliance: alliance, allianceIndex: index, strategic: strategic, network: network),
            !alliance.members.contains(where: { strategic.isThreat(i, $0) })
          else { continue }
          let nation = strategic.nationIndex[i]
          let joins = source.members.contains { $0.nation == nation && $0.span.start > y && $0.span.start <= y + options.horizon }
          let w: Double
          if joins {
            w = 1
          } else {
            guard FormationFitter.unitHash(nation, 100_000 + index, y) < negativeRate else { continue }
            w = 1 / negativeRate
          }
          x.append(contentsOf: AccessionFeatures.row(i, members: alliance.members, in: context))
          outcome.append(joins ? 1 : 0)
          weight.append(w)
        }
      }
    }
    let fit = try LogisticRegression.fit(x: x, y: outcome, weights: weight, names: AccessionFeatures.names, penalty: options.penalty)
    return AccessionModel(fit: fit, firstYear: firstYear, lastYear: lastYear, horizon: options.horizon)
  }
}
