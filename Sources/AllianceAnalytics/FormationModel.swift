import AllianceModel
import Foundation

/// The features of `p_form(i, j)` (DESIGN §6, "Who would ally") for one pair in one year.
///
/// Symmetric in i and j. O(n / 64) per pair with the bit sets of ``FormationContext``.
public enum FormationFeatures {
  public static let names = [
    "intercept", "log_distance", "contiguous", "same_region", "other_pledge", "common_defense_partners", "shared_threats",
    "third_party_conflict", "power_asymmetry", "major_power", "cold_war", "post_cold_war", "log_distance_x_cold_war",
    "log_distance_x_post_cold_war",
  ]

  /// The era of `year`: 0 before 1946, 1 for 1946–1989 (the Cold War), 2 from 1990.
  public static func era(_ year: Int) -> Int { year < 1946 ? 0 : year < 1990 ? 1 : 2 }

  /// The feature row of the pair (i, j).
  public static func row(_ i: Int, _ j: Int, in context: FormationContext) -> [Double] {
    let network = context.network, n = network.nodeCount
    let d = network.distance[i * n + j]
    let logDistance = log(1 + (d.isFinite ? d : 20_000) / 1000)
    let types = network.types(i, j)
    let other = !types.intersection(TieTypeSet([.neutrality, .nonaggression, .consultation])).isEmpty
    let common = context.count(context.defense, i, context.defense, j)
    let shared = context.count(context.threats, i, context.threats, j)
    let thirdParty = context.count(context.threats, j, context.defense, i) > 0 || context.count(context.defense, j, context.threats, i) > 0
    let total = context.totalCapability
    let si = network.capability[i] / total + 1e-6, sj = network.capability[j] / total + 1e-6
    let era = era(network.year)
    return [
      1, logDistance, network.contiguous[i * n + j] ? 1 : 0, network.regions[i] != nil && network.regions[i] == network.regions[j] ? 1 : 0,
      other ? 1 : 0, log(1 + Double(common)), log(1 + Double(shared)), thirdParty ? 1 : 0, abs(log(si / sj)),
      network.majorPower[i] || network.majorPower[j] ? 1 : 0, era == 1 ? 1 : 0, era == 2 ? 1 : 0, era == 1 ? logDistance : 0,
      era == 2 ? logDistance : 0,
    ]
  }
}

/// Bit sets of each node's defense/offense partners and threats, for the pair features.
public struct FormationContext: Sendable {
  public let network: StrategicNetwork
  let words: Int
  let defense: [UInt64]
  let threats: [UInt64]
  let totalCapability: Double

  /// O(n²).
  public init(_ network: StrategicNetwork) {
    self.network = network
    let n = network.nodeCount
    words = (n + 63) / 64
    var defense = [UInt64](repeating: 0, count: n * words), threats = defense
    for u in 0..<n {
      for v in 0..<n where v != u {
        if network.defends(u, v) { defense[u * words + v / 64] |= 1 << UInt64(v % 64) }
        if network.isThreat(u, v) { threats[u * words + v / 64] |= 1 << UInt64(v % 64) }
      }
    }
    self.defense = defense
    self.threats = threats
    totalCapability = max(network.capability.reduce(0, +), .leastNonzeroMagnitude)
  }

  /// |set a of u ∩ set b of v|.
  func count(_ a: [UInt64], _ u: Int, _ b: [UInt64], _ v: Int) -> Int {
    var c = 0
    for k in 0..<words { c += (a[u * words + k] & b[v * words + k]).nonzeroBitCount }
    return c
  }
}

/// How the formation sample is drawn.
public struct FormationOptions: Sendable, Hashable, Codable {
  /// A pair forms a pledge "within K years": years y+1 … y+K.
  public var horizon = 10
  /// Share of pairs that form nothing that enter the sample (each with weight 1/rate);
  /// every pair that forms a pledge enters.
  public var negativeRate = 0.05
  /// L2 penalty on the coefficients.
  public var penalty = 1.0
  /// The first year of the sample.
  public var firstYear = 1816
  public init() {}
}

/// The formation model `p_form(i, j)`: the probability that i and j, without a
/// defense/offense pledge in year Y, form one within K years (DESIGN §6).
public struct FormationModel: Sendable, Hashable, Codable {
  public var fit: LogisticFit
  public var options: FormationOptions
  /// The years of the pair-years it was fitted on (outcome windows end by `lastYear + K`).
  public var firstYear: Int
  public var lastYear: Int
  /// The dataset it was fitted on and a checksum of its inputs.
  public var dataset: String
  public var checksum: String
  /// The accession model p_join fitted with the same rule, when fitted.
  public var accession: AccessionModel?

  /// p_form of the pair (i, j) in `context`'s year.
  public func probability(_ i: Int, _ j: Int, in context: FormationContext) -> Double {
    fit.probability(FormationFeatures.row(i, j, in: context))
  }
}

/// Fitting ``FormationModel``s on a network with dyad-year history (ATOP), with no
/// look-ahead.
/// The rows a formation model is fitted on: features (row-major, with the intercept),
/// outcomes (1: the pair formed a pledge within K years) and weights.
public struct FormationSample: Sendable {
  public var x: [Double] = []
  public var y: [Double] = []
  public var w: [Double] = []
  /// The pair-year of each row: network nation indices and the year.
  public var pairs: [(Int, Int, Int)] = []
  public var firstYear = 0
  public var lastYear = 0
  public var rows: Int { y.count }
}

public enum FormationFitter {
  /// The model for applying to year `year`: fitted on pair-years y ≤ year − K whose whole
  /// outcome window y+1 … y+K is observed (≤ `year` and ≤ the data's last pledge year).
  /// O(years · n² · n/64 + rows · p²).
  /// - Throws: ``LogisticFitError`` when the data holds no usable history.
  /// With `accession`, the accession model is fitted too (with the same rule).
  public static func model(
    for year: Int, network: AllianceNetwork, options: FormationOptions = FormationOptions(), disputeWindow: Int = 10, accession withAccession: Bool = true
  ) throws(LogisticFitError) -> FormationModel {
    let sample = try sample(for: year, network: network, options: options, disputeWindow: disputeWindow)
    let fit = try LogisticRegression.fit(x: sample.x, y: sample.y, weights: sample.w, names: FormationFeatures.names, penalty: options.penalty)
    let accession = withAccession ? try AccessionFitter.model(for: year, network: network, options: options, disputeWindow: disputeWindow) : nil
    return FormationModel(
      fit: fit, options: options, firstYear: sample.firstYear, lastYear: sample.lastYear, dataset: network.metadata.name,
      checksum: inputChecksum(network, upTo: sample.lastYear + options.horizon, options: options, disputeWindow: disputeWindow),
      accession: accession)
  }

  /// The sample the model for `year` is fitted on (see ``model(for:network:options:disputeWindow:)``).
  public static func sample(for year: Int, network: AllianceNetwork, options: FormationOptions = FormationOptions(), disputeWindow: Int = 10) throws(LogisticFitError) -> FormationSample {
    guard let table = network.dyadYears, table.count > 0 else {
      throw LogisticFitError("\(network.metadata.name) has no dyad-year history to fit a formation model on (ATOP/COW data has)")
    }
    let lastYear = min(year, table.lastYear) - options.horizon
    let firstYear = max(options.firstYear, network.years.lowerBound, table.firstYear)
    guard lastYear >= firstYear else {
      throw LogisticFitError("no complete \(options.horizon)-year outcome window before \(year): the history starts in \(firstYear)")
    }
    // Pledge years per pair (defense or offense), from the dyad-year table up to the end of
    // the last outcome window only.
    let defenseMask = UInt8(TieTypeSet([.defense, .offense]).rawValue)
    var pledged = Set<UInt64>()
    for y in table.firstYear...max(table.firstYear, min(table.lastYear, lastYear + options.horizon)) {
      for row in table.rows(in: y) where table.mask[row] & defenseMask != 0 {
        pledged.insert(pairYearKey(Int(table.a[row]), Int(table.b[row]), y))
      }
    }
    var sample = FormationSample()
    sample.firstYear = firstYear
    sample.lastYear = lastYear
    let p = FormationFeatures.names.count
    for y in firstYear...lastYear {
      guard let snapshot = try? YearSnapshot(network: network, year: y, options: SnapshotOptions(disputeWindow: disputeWindow)) else { continue }
      let strategic = StrategicNetwork(snapshot: snapshot, network: network)
      let context = FormationContext(strategic)
      let n = strategic.nodeCount
      for i in 0..<n {
        for j in (i + 1)..<max(i + 1, n) where !strategic.defends(i, j) {
          let a = strategic.nationIndex[i], b = strategic.nationIndex[j]
          var forms = false
          for later in (y + 1)...(y + options.horizon) where pledged.contains(pairYearKey(a, b, later)) {
            forms = true
            break
          }
          let w: Double
          if forms {
            w = 1
          } else {
            guard unitHash(a, b, y) < options.negativeRate else { continue }
            w = 1 / options.negativeRate
          }
          let row = FormationFeatures.row(i, j, in: context)
          precondition(row.count == p)
          sample.x.append(contentsOf: row)
          sample.y.append(forms ? 1 : 0)
          sample.w.append(w)
          sample.pairs.append((a, b, y))
        }
      }
    }
    return sample
  }

  /// A key for (pair, year), order-free in the pair.
  static func pairYearKey(_ a: Int, _ b: Int, _ year: Int) -> UInt64 {
    let low = UInt64(min(a, b)), high = UInt64(max(a, b))
    return (low << 44) | (high << 24) | UInt64(truncatingIfNeeded: year + 4096)
  }

  /// A uniform number in [0, 1) from (pair, year): which negatives enter the sample.
  static func unitHash(_ a: Int, _ b: Int, _ year: Int) -> Double {
    var z = pairYearKey(a, b, year) &+ 0x9E37_79B9_7F4A_7C15
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    z ^= z >> 31
    return Double(z >> 11) * 0x1p-53
  }

  /// FNV-1a over the inputs a fit reads up to `year` (dyad-years, capability, threats,
  /// disputes, contiguity, major powers, nations) and its options: a cache key that never
  /// serves a fit for other data.
  /// Bumped whenever the fitting code changes what it fits (cached fits are then refitted):
  /// 2 — ATOP accession eligibility by regions holding a third of the members.
  public static let modelVersion = 2

  public static func inputChecksum(_ network: AllianceNetwork, upTo year: Int, options: FormationOptions, disputeWindow: Int) -> String {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    func mix(_ value: UInt64) {
      var v = value
      for _ in 0..<8 {
        hash = (hash ^ (v & 0xFF)) &* 0x0000_0100_0000_01B3
        v >>= 8
      }
    }
    func mix(_ value: Double) { mix(value.bitPattern) }
    func mix(_ value: Int) { mix(UInt64(bitPattern: Int64(value))) }
    func mix(_ text: String) { for byte in text.utf8 { mix(Int(byte)) } }
    mix(modelVersion)
    mix(network.metadata.name)
    for nation in network.nations { mix(nation.id) }
    if let table = network.dyadYears, table.count > 0 {
      for y in table.firstYear...max(table.firstYear, min(table.lastYear, year)) {
        for row in table.rows(in: y) {
          mix(y)
          mix(Int(table.a[row]))
          mix(Int(table.b[row]))
          mix(Int(table.mask[row]))
        }
      }
    }
    for series in network.capabilities {
      for (k, y) in series.years.enumerated() where y <= year {
        mix(y)
        mix(series.values[k])
      }
    }
    for t in network.threats where t.span.start <= year {
      mix(t.a)
      mix(t.b)
      mix(t.span.start)
      mix(t.span.end ?? -1)
      mix(t.intensity)
    }
    for d in network.disputes where d.year <= year {
      mix(d.a)
      mix(d.b)
      mix(d.year)
    }
    for c in network.contiguity where c.from.year <= year {
      mix(c.a)
      mix(c.b)
      mix(c.from.value)
      mix(c.to.value)
    }
    for (index, spans) in network.majorPowers.sorted(by: { $0.key < $1.key }) {
      mix(index)
      for s in spans {
        mix(s.start)
        mix(s.end ?? -1)
      }
    }
    mix(options.horizon)
    mix(options.negativeRate)
    mix(options.penalty)
    mix(options.firstYear)
    mix(disputeWindow)
    mix(year)
    return String(hash, radix: 16)
  }
}
