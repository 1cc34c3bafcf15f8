import AllianceModel

/// How a tie's reliability r is made (DESIGN §5), kept apart from the parameters so it can be
/// evaluated again for every Monte Carlo draw of the priors:
/// `r = 1 − (1 − r₀·m)·Π_c(1 − δ_c)` where r₀·m is the best of the pair's terms.
public struct TieRecipe: Sendable, Hashable {
  /// One obligation source of the pair: an explicit reliability, or r₀ of its obligation
  /// types × the status multiplier × the provision multiplier.
  public struct Term: Sendable, Hashable {
    /// Obligation types of the term within the layer (raw bits 0–4); 0 for an explicit term.
    public var obligations: UInt16
    public var status: TieStatus
    /// Bit 0 conditional, bit 1 asymmetric, bit 2 institutionalised.
    public var provisionCode: UInt8
    public var explicit: Double?
    /// The treaty (alliance index of the network) the term comes from.
    public var treaty: Int?
    /// The source's origin and whether it is the source of a new tie (for explanations).
    public var origin: String
    public var isNew: Bool
    public var isRest: Bool
  }

  public var terms: [Term]
  /// Cooperation channels on the pair (raw bits shifted down: bit 0 exercise … bit 5 aid).
  public var channelCode: UInt8

  /// The recipe of the tie between `i` and `j` in `layer` once `adding` types are added on
  /// `terms` (DESIGN §5): one term per obligation source of the pair that has a type of the
  /// layer, one for the added obligations, one at r₀ for types no source accounts for
  /// (ATOP dyad-years without a v4 treaty, scenario ties). Empty without a tie in the layer.
  /// O(sources of the pair).
  public init(_ network: StrategicNetwork, _ i: Int, _ j: Int, in layer: TieTypeSet, adding: TieTypeSet = [], terms new: NewTieTerms = .plain) {
    let all = network.types(i, j).union(adding)
    let mask = all.intersection(layer)
    terms = []
    channelCode = UInt8(truncatingIfNeeded: all.channels.rawValue >> 5)
    guard !mask.isEmpty else { return }
    var covered = TieTypeSet()
    for source in network.qualifiedSources(i, j) {
      let part = source.types.intersection(mask)
      guard !part.isEmpty else { continue }
      covered.formUnion(part)
      terms.append(
        Term(
          obligations: part.rawValue, status: source.status, provisionCode: TieRecipe.code(source.provisions), explicit: source.reliability,
          treaty: source.alliance, origin: source.origin, isNew: false, isRest: false))
    }
    let added = adding.obligations.intersection(layer)
    if !added.isEmpty {
      covered.formUnion(added)
      terms.append(
        Term(
          obligations: added.rawValue, status: new.status, provisionCode: TieRecipe.code(new.provisions), explicit: new.reliability,
          treaty: nil, origin: new == .plain ? "new tie" : "new tie on the treaty's terms", isNew: true, isRest: false))
    }
    let rest = mask.subtracting(covered)
    if !rest.isEmpty {
      terms.append(Term(obligations: rest.rawValue, status: .active, provisionCode: 0, explicit: nil, treaty: nil, origin: "", isNew: false, isRest: true))
    }
  }

  static func code(_ provisions: TreatyProvisions) -> UInt8 {
    (provisions.contains(.conditional) ? 1 : 0) | (provisions.contains(.asymmetric) ? 2 : 0) | (provisions.isInstitutionalised ? 4 : 0)
  }

  /// The recipe with more cooperation channels on the pair (deepening).
  public func deepened(by channels: TieTypeSet) -> TieRecipe {
    var copy = self
    copy.channelCode |= UInt8(truncatingIfNeeded: channels.channels.rawValue >> 5)
    return copy
  }

  /// r, the index of the best term and whether it is explicit (final: no deepening).
  /// O(terms).
  @inlinable public func evaluate<M: ReliabilityMultipliers>(_ tables: M) -> (r: Double, best: Int?, explicit: Bool) {
    var best = -1.0, index: Int? = nil, explicitWins = false
    for (t, term) in terms.enumerated() {
      let value = term.explicit ?? tables.r0(term.obligations & 0b11111) * tables.status(term.status) * tables.provision(term.provisionCode)
      let capped = min(1, max(0, value))
      if capped > best {
        best = capped
        index = t
        explicitWins = term.explicit != nil
      }
    }
    guard index != nil else { return (0, nil, false) }
    if explicitWins { return (best, index, true) }
    return (min(1, max(0, 1 - (1 - best) * tables.keep(channelCode))), index, false)
  }

  /// r alone.
  @inlinable public func r<M: ReliabilityMultipliers>(_ tables: M) -> Double { evaluate(tables).r }
}

/// What a recipe needs from the parameters: r₀ of a set of obligation types (raw bits 0–4),
/// the status and provision multipliers, Π(1 − δ_c) of a set of channels (bits 0–5).
/// ``ModelParameters`` computes them (for one tie); ``ReliabilityTables`` looks them up
/// (for many).
public protocol ReliabilityMultipliers {
  func r0(_ obligations: UInt16) -> Double
  func status(_ status: TieStatus) -> Double
  func provision(_ code: UInt8) -> Double
  func keep(_ channels: UInt8) -> Double
}

extension ModelParameters: ReliabilityMultipliers {
  public func r0(_ obligations: UInt16) -> Double { reliability(of: TieTypeSet(rawValue: obligations), in: TieTypeSet(rawValue: 0b11111)) }
  public func status(_ status: TieStatus) -> Double { statusMultiplier(status) }
  public func provision(_ code: UInt8) -> Double {
    (code & 1 != 0 ? provisionConditional : 1) * (code & 2 != 0 ? provisionAsymmetric : 1) * (code & 4 != 0 ? provisionInstitutionalised : 1)
  }
  public func keep(_ channels: UInt8) -> Double { deepeningFactor(TieTypeSet(rawValue: UInt16(channels) << 5)) }
}

/// The parameters of r as lookup tables, so a recipe evaluates in a few multiplications:
/// r₀ per set of obligation types, the status and provision multipliers, and Π(1 − δ_c) per
/// set of channels.
public struct ReliabilityTables: Sendable, ReliabilityMultipliers {
  public var r0Table: [Double]
  public var statusMultipliers: (active: Double, dormant: Double, suspended: Double)
  public var provisionTable: [Double]
  public var keepTable: [Double]

  public init(_ parameters: ModelParameters) {
    r0Table = (0..<32).map { parameters.r0(UInt16($0)) }
    statusMultipliers = (1, parameters.statusDormant, parameters.statusSuspended)
    provisionTable = (0..<8).map { parameters.provision(UInt8($0)) }
    keepTable = (0..<64).map { parameters.keep(UInt8($0)) }
  }

  @inlinable public func r0(_ obligations: UInt16) -> Double { r0Table[Int(obligations)] }
  @inlinable public func provision(_ code: UInt8) -> Double { provisionTable[Int(code)] }
  @inlinable public func keep(_ channels: UInt8) -> Double { keepTable[Int(channels)] }

  @inlinable public func status(_ status: TieStatus) -> Double {
    switch status {
    case .active: statusMultipliers.active
    case .dormant: statusMultipliers.dormant
    case .suspended: statusMultipliers.suspended
    }
  }
}
