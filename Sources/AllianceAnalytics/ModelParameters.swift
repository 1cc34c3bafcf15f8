import AllianceModel
import Foundation

/// How capability loses strength over distance (Boulding's loss-of-strength gradient).
public enum DecayKind: String, Sendable, CaseIterable {
  /// `g(d) = 0.5^(d / halfDistance)`.
  case exponential
  /// `g(d) = 1 / (1 + d / halfDistance)`.
  case hyperbolic
  /// `g(d) = 1`.
  case none
}

/// Every parameter of the domain model in one value (DESIGN §5–§6), printed with every result.
public struct ModelParameters: Sendable, Hashable {
  /// Base probability r₀ that a commitment of each capability-bearing type is honoured
  /// (Leeds, Long and Mitchell 2000: 74.5%). Neutrality and non-aggression carry no
  /// capability.
  public var reliabilityDefense = 0.75
  public var reliabilityOffense = 0.75
  public var reliabilityConsultation = 0.35
  /// Status multipliers m of a dormant and a suspended treaty, membership or tie (DESIGN §5).
  public var statusDormant = 0.30
  public var statusSuspended = 0.10
  /// Provision multipliers m (ATOP v4 provisions; DESIGN §5): a conditional commitment
  /// (`conditio`/`defcon`), asymmetric obligations (`asymm`), an institutionalised treaty
  /// (military aid, bases, integrated command, military contact or a formal organisation).
  public var provisionConditional = 0.85
  public var provisionAsymmetric = 0.90
  public var provisionInstitutionalised = 1.10
  /// Deepening δ_c of a capability-bearing tie by each cooperation channel on the pair:
  /// r = 1 − (1 − r₀·m)·Π_c(1 − δ_c). Stated priors (no channel data before the present).
  public var deepeningExercise = 0.10
  public var deepeningTraining = 0.10
  public var deepeningIntelligence = 0.08
  public var deepeningTechnology = 0.05
  public var deepeningArms = 0.05
  public var deepeningAid = 0.02
  /// Indirect ties count up to this many hops for the force multiplier E.
  public var hops = 2
  /// Hops of committed defense D: 1 = direct obligations only (a treaty binds its parties,
  /// not their partners' partners).
  public var defenseHops = 1
  /// Monte Carlo: all ties of one treaty hold or fail together (a common shock per treaty)
  /// instead of independently.
  public var commonShock = false
  public var decay = DecayKind.exponential
  /// Distance in km at which capability is halved (exponential) or divided by 2 (hyperbolic).
  public var halfDistance = 3000.0
  /// Opponents in militarized disputes of the previous W years are threats.
  public var disputeWindow = 10
  /// Interoperability κ of a shared integrated command and of each cooperation channel.
  public var kappaIntegratedCommand = 1.0
  public var kappaExercise = 0.5
  public var kappaTraining = 0.5
  public var kappaIntelligence = 0.4
  public var kappaTechnology = 0.3
  public var kappaArms = 0.2
  public var kappaAid = 0.1
  /// Monte Carlo draws and seed.
  public var draws = 10_000
  public var seed: UInt64 = 1
  /// A top patron holding at least this share of committed defense flags dependence.
  public var dependenceThreshold = 0.5
  /// Trilateral pairs are drawn from this many top bilateral candidates.
  public var trilateralPool = 20
  /// Only compatible partners: a candidate must not be a threat of the focus's defense
  /// partners or of partners already chosen, nor a defense partner of the focus's threats.
  public var compatiblePartners = true
  /// Esteban–Ray sensitivity α.
  public var polarizationAlpha = 1.6

  public init() {}

  /// The reliability r of one tie type (channels carry no capability: 0).
  public func reliability(_ type: TieType) -> Double {
    switch type {
    case .defense: reliabilityDefense
    case .offense: reliabilityOffense
    case .consultation: reliabilityConsultation
    default: 0
    }
  }

  /// The provision multiplier of `provisions` (1 without provisions).
  public func provisionMultiplier(_ provisions: TreatyProvisions) -> Double {
    var m = 1.0
    if provisions.contains(.conditional) { m *= provisionConditional }
    if provisions.contains(.asymmetric) { m *= provisionAsymmetric }
    if provisions.isInstitutionalised { m *= provisionInstitutionalised }
    return m
  }

  /// δ of one cooperation channel (0 for obligations).
  public func deepening(_ type: TieType) -> Double {
    switch type {
    case .exercise: deepeningExercise
    case .training: deepeningTraining
    case .intelligence: deepeningIntelligence
    case .technology: deepeningTechnology
    case .arms: deepeningArms
    case .aid: deepeningAid
    default: 0
    }
  }

  /// Π_c (1 − δ_c) over the channels in `types`.
  public func deepeningFactor(_ types: TieTypeSet) -> Double {
    var keep = 1.0
    for type in TieType.channels where types.contains(type) { keep *= 1 - deepening(type) }
    return keep
  }

  /// The status multiplier m of `status` (1 when active).
  @inlinable public func statusMultiplier(_ status: TieStatus) -> Double {
    switch status {
    case .active: 1
    case .dormant: statusDormant
    case .suspended: statusSuspended
    }
  }

  /// A pair's r: the largest r of its obligations among `layer`.
  @inlinable public func reliability(of types: TieTypeSet, in layer: TieTypeSet) -> Double {
    let mask = types.rawValue & layer.rawValue
    guard mask != 0 else { return 0 }
    var best = 0.0
    for type in TieType.obligations where mask & (1 << type.rawValue) != 0 { best = max(best, reliability(type)) }
    return best
  }

  /// κ of one cooperation channel.
  public func kappa(_ type: TieType) -> Double {
    switch type {
    case .exercise: kappaExercise
    case .training: kappaTraining
    case .intelligence: kappaIntelligence
    case .technology: kappaTechnology
    case .arms: kappaArms
    case .aid: kappaAid
    default: 0
    }
  }

  /// Distance decay g(d) for `km` (NaN: unknown distance, g = 0).
  @inlinable public func decayFactor(_ km: Double) -> Double {
    guard km.isFinite else { return 0 }
    switch decay {
    case .exponential: return pow(0.5, km / halfDistance)
    case .hyperbolic: return 1 / (1 + km / halfDistance)
    case .none: return 1
    }
  }

  /// Checks ranges; returns a message naming the first bad parameter.
  public func validationError() -> String? {
    for (name, value) in [
      ("r-defense", reliabilityDefense), ("r-offense", reliabilityOffense), ("r-consultation", reliabilityConsultation),
      ("m-dormant", statusDormant), ("m-suspended", statusSuspended),
      ("delta-exercise", deepeningExercise), ("delta-training", deepeningTraining), ("delta-intelligence", deepeningIntelligence),
      ("delta-technology", deepeningTechnology), ("delta-arms", deepeningArms), ("delta-aid", deepeningAid),
      ("kappa-command", kappaIntegratedCommand), ("kappa-exercise", kappaExercise), ("kappa-training", kappaTraining),
      ("kappa-intelligence", kappaIntelligence), ("kappa-technology", kappaTechnology), ("kappa-arms", kappaArms),
      ("kappa-aid", kappaAid), ("dependence-threshold", dependenceThreshold),
    ] where !(0...1).contains(value) {
      return "--\(name) must lie in [0, 1], got \(value)"
    }
    if hops < 1 || hops > 10 { return "--hops must lie in 1…10, got \(hops)" }
    if defenseHops < 1 || defenseHops > 10 { return "--defense-hops must lie in 1…10, got \(defenseHops)" }
    for (name, value) in [("m-conditional", provisionConditional), ("m-asymmetric", provisionAsymmetric), ("m-institutionalised", provisionInstitutionalised)]
    where !(value >= 0 && value <= 2) {
      return "--\(name) must lie in [0, 2], got \(value)"
    }
    if !(halfDistance > 0) { return "--half-distance must be positive, got \(halfDistance)" }
    if disputeWindow < 0 { return "--dispute-window must be non-negative, got \(disputeWindow)" }
    if draws < 1 { return "--draws must be at least 1, got \(draws)" }
    if trilateralPool < 2 { return "--trilateral-pool must be at least 2, got \(trilateralPool)" }
    if !(polarizationAlpha >= 0) { return "--polarization-alpha must be non-negative, got \(polarizationAlpha)" }
    return nil
  }

  /// Name–value pairs, in a stable order, for printing with results.
  public var entries: [(String, String)] {
    func f(_ v: Double) -> String { v == v.rounded() && abs(v) < 1e12 ? String(Int(v)) : String(v) }
    return [
      ("r_defense", f(reliabilityDefense)), ("r_offense", f(reliabilityOffense)),
      ("r_consultation", f(reliabilityConsultation)), ("m_dormant", f(statusDormant)),
      ("m_suspended", f(statusSuspended)), ("m_conditional", f(provisionConditional)),
      ("m_asymmetric", f(provisionAsymmetric)), ("m_institutionalised", f(provisionInstitutionalised)),
      ("delta_exercise", f(deepeningExercise)), ("delta_training", f(deepeningTraining)),
      ("delta_intelligence", f(deepeningIntelligence)), ("delta_technology", f(deepeningTechnology)),
      ("delta_arms", f(deepeningArms)), ("delta_aid", f(deepeningAid)), ("hops", String(hops)),
      ("defense_hops", String(defenseHops)), ("common_shock", commonShock ? "yes" : "no"), ("decay", decay.rawValue),
      ("half_distance_km", f(halfDistance)), ("dispute_window", String(disputeWindow)),
      ("kappa_command", f(kappaIntegratedCommand)), ("kappa_exercise", f(kappaExercise)),
      ("kappa_training", f(kappaTraining)), ("kappa_intelligence", f(kappaIntelligence)),
      ("kappa_technology", f(kappaTechnology)), ("kappa_arms", f(kappaArms)), ("kappa_aid", f(kappaAid)),
      ("draws", String(draws)), ("seed", String(seed)), ("dependence_threshold", f(dependenceThreshold)),
      ("trilateral_pool", String(trilateralPool)), ("compatible_partners", compatiblePartners ? "yes" : "no"),
      ("polarization_alpha", f(polarizationAlpha)),
    ]
  }

  /// One line: `name=value, …`.
  public var summary: String { entries.map { "\($0.0)=\($0.1)" }.joined(separator: ", ") }
}

extension ModelParameters {
  nonisolated(unsafe) static let doubleKeys: [String: WritableKeyPath<ModelParameters, Double>] = [
    "r_defense": \.reliabilityDefense, "r_offense": \.reliabilityOffense, "r_consultation": \.reliabilityConsultation,
    "m_dormant": \.statusDormant, "m_suspended": \.statusSuspended, "m_conditional": \.provisionConditional,
    "m_asymmetric": \.provisionAsymmetric, "m_institutionalised": \.provisionInstitutionalised,
    "delta_exercise": \.deepeningExercise, "delta_training": \.deepeningTraining, "delta_intelligence": \.deepeningIntelligence,
    "delta_technology": \.deepeningTechnology, "delta_arms": \.deepeningArms, "delta_aid": \.deepeningAid,
    "half_distance_km": \.halfDistance, "kappa_command": \.kappaIntegratedCommand, "kappa_exercise": \.kappaExercise,
    "kappa_training": \.kappaTraining, "kappa_intelligence": \.kappaIntelligence, "kappa_technology": \.kappaTechnology,
    "kappa_arms": \.kappaArms, "kappa_aid": \.kappaAid, "dependence_threshold": \.dependenceThreshold,
    "polarization_alpha": \.polarizationAlpha,
  ]
  nonisolated(unsafe) static let intKeys: [String: WritableKeyPath<ModelParameters, Int>] = [
    "hops": \.hops, "defense_hops": \.defenseHops, "dispute_window": \.disputeWindow, "draws": \.draws,
    "trilateral_pool": \.trilateralPool,
  ]
  nonisolated(unsafe) static let flagKeys: [String: WritableKeyPath<ModelParameters, Bool>] = [
    "common_shock": \.commonShock, "compatible_partners": \.compatiblePartners,
  ]

  /// Sets the parameter named as in ``entries`` from its printed text (`0.75`, `2`,
  /// `yes`/`no` or `true`/`false`, `exponential`). Round-trips ``entries``: setting every
  /// entry of `p` on any value gives `p`.
  /// - Throws: a message naming the parameter when the name is unknown or the value does not parse.
  public mutating func set(_ name: String, _ text: String) throws(ParameterError) {
    if let key = Self.doubleKeys[name] {
      guard let v = Double(text) else { throw ParameterError("\(name): expected a number, found \"\(text)\"") }
      self[keyPath: key] = v
    } else if let key = Self.intKeys[name] {
      guard let v = Int(text) else { throw ParameterError("\(name): expected an integer, found \"\(text)\"") }
      self[keyPath: key] = v
    } else if let key = Self.flagKeys[name] {
      switch text {
      case "yes", "true", "1": self[keyPath: key] = true
      case "no", "false", "0": self[keyPath: key] = false
      default: throw ParameterError("\(name): expected true or false, found \"\(text)\"")
      }
    } else if name == "seed" {
      guard let v = UInt64(text) else { throw ParameterError("seed: expected a non-negative integer, found \"\(text)\"") }
      seed = v
    } else if name == "decay" {
      guard let v = DecayKind(rawValue: text) else { throw ParameterError("decay: expected exponential, hyperbolic or none, found \"\(text)\"") }
      decay = v
    } else {
      throw ParameterError("unknown parameter \"\(name)\"")
    }
  }
}

/// A model parameter that cannot be set.
public struct ParameterError: Error, CustomStringConvertible, Equatable {
  public var description: String
  public init(_ description: String) { self.description = description }
}
