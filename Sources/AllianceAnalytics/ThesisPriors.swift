import AllianceModel

/// The parameters one Monte Carlo draw of the thesis uses: the model's and ε.
public struct ThesisParameters: Sendable, Hashable {
  public var model: ModelParameters
  /// ε: the share of an imported threat's pressure a new tie brings (entrapment).
  public var entrapment: Double

  public init(model: ModelParameters, entrapment: Double = 0.5) {
    self.model = model
    self.entrapment = entrapment
  }
}

/// One uncertain parameter of DESIGN §5's table: a uniform range, or equally likely values.
public struct ThesisPrior: Sendable {
  public var name: String
  public var low: Double
  public var high: Double
  /// Equally likely values instead of a range (H).
  public var values: [Double]?
  let apply: @Sendable (inout ThesisParameters, Double) -> Void

  /// The value for a uniform number `u` in [0, 1).
  public func value(_ u: Double) -> Double {
    if let values { return values[min(values.count - 1, Int(u * Double(values.count)))] }
    return low + u * (high - low)
  }

  public func set(_ value: Double, in parameters: inout ThesisParameters) { apply(&parameters, value) }
}

/// The priors of DESIGN §5 (uniform ranges; H ∈ {1, 2, 3}). Rows the table groups
/// (r₀ defense and offense; δ exercise and training; δ technology and arms) draw one value.
public enum ThesisPriors {
  public static let all: [ThesisPrior] = [
    ThesisPrior(name: "r_defense_offense", low: 0.50, high: 0.90) { p, v in
      p.model.reliabilityDefense = v
      p.model.reliabilityOffense = v
    },
    ThesisPrior(name: "r_consultation", low: 0.20, high: 0.50) { p, v in p.model.reliabilityConsultation = v },
    ThesisPrior(name: "m_conditional", low: 0.70, high: 1.00) { p, v in p.model.provisionConditional = v },
    ThesisPrior(name: "m_asymmetric", low: 0.80, high: 1.00) { p, v in p.model.provisionAsymmetric = v },
    ThesisPrior(name: "m_institutionalised", low: 1.00, high: 1.20) { p, v in p.model.provisionInstitutionalised = v },
    ThesisPrior(name: "m_dormant", low: 0.10, high: 0.50) { p, v in p.model.statusDormant = v },
    ThesisPrior(name: "m_suspended", low: 0.00, high: 0.20) { p, v in p.model.statusSuspended = v },
    ThesisPrior(name: "delta_exercise_training", low: 0.00, high: 0.20) { p, v in
      p.model.deepeningExercise = v
      p.model.deepeningTraining = v
    },
    ThesisPrior(name: "delta_intelligence", low: 0.00, high: 0.15) { p, v in p.model.deepeningIntelligence = v },
    ThesisPrior(name: "delta_technology_arms", low: 0.00, high: 0.10) { p, v in
      p.model.deepeningTechnology = v
      p.model.deepeningArms = v
    },
    ThesisPrior(name: "delta_aid", low: 0.00, high: 0.05) { p, v in p.model.deepeningAid = v },
    ThesisPrior(name: "half_distance_km", low: 1500, high: 6000) { p, v in p.model.halfDistance = v },
    ThesisPrior(name: "hops", low: 1, high: 3, values: [1, 2, 3]) { p, v in p.model.hops = Int(v) },
    ThesisPrior(name: "entrapment", low: 0.25, high: 0.75) { p, v in p.entrapment = v },
  ]

  /// The prior named `name`.
  public static func named(_ name: String) -> ThesisPrior? { all.first { $0.name == name } }
}
