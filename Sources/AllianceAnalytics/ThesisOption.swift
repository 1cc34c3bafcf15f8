import AllianceModel

/// A tie an option adds or changes, with how its r is made in both layers.
public struct OptionTie: Sendable, Hashable {
  public var a: Int
  public var b: Int
  public var capability: TieRecipe
  public var defense: TieRecipe
  /// The option's formation event the tie depends on (`nil`: always formed).
  public var event: Int?
  /// The treaty whose common shock the tie shares (an alliance index of the network), or a
  /// new treaty of the option (`newTreaty`), or none (fails alone).
  public var shock: Shock

  public enum Shock: Sendable, Hashable {
    case alone
    case treaty(Int)
    case newTreaty
  }
}

/// Whether an option happens: one event per new tie (bilateral), per pact (trilateral) or
/// per accession, drawn with its probability.
public struct FormationEvent: Sendable, Hashable {
  /// p_form or p_join (1 when no model is available).
  public var probability: Double
  /// The coin's key: options that share an event (the same partner in "1 bilateral" and
  /// "2 bilateral") share it.
  public var key: UInt64
}

/// One option of the thesis (DESIGN §6): a partnership option (new bilateral ties, a
/// trilateral pact, deepening existing small pacts) or an alliance option (joining a major
/// alliance, the membership the focus holds, or a hypothetical membership).
public struct ThesisOption: Sendable, Hashable {
  public enum Kind: String, Sendable, CaseIterable {
    case bilateral
    case trilateral
    case deepening
    case join
    case membership
    case hypothetical

    public var isPartnership: Bool { self == .bilateral || self == .trilateral || self == .deepening }
  }

  public var kind: Kind
  /// `2 bilateral`, `trilateral`, `deepen 2 pacts`, `join GCC`, `membership in NATO`, `as if a member of NATO`.
  public var label: String
  /// New partners (bilateral, trilateral), the partners whose ties deepen, or the members.
  public var partners: [Int]
  /// The alliance (index of the network's alliances in force) of an alliance option.
  public var alliance: Int?
  public var allianceID: String?
  /// Its short name (NATO, GCC-JDA) for tables.
  public var allianceName: String?
  /// The probability that the option happens: the product of its events' probabilities
  /// (a trilateral pact: p_form of all three pairs).
  public var feasibility: Double
  public var events: [FormationEvent]
  public var ties: [OptionTie]
  /// Threats of the new partners that are not yet the focus's (entrapment).
  public var threatsBrought: [Int]
  /// At the default parameters, every tie formed: the measure (gap reduction net of
  /// entrapment, or the gain of E net of the gap the imported threats open), and the
  /// expected measure used to choose the best option of each kind.
  public var value: Double
  public var expectedValue: Double
  /// Why an alliance option is hypothetical or what limits it (empty otherwise).
  public var note: String
}

/// What the Monte Carlo comparison found for one option (DESIGN §6).
public struct OptionOutcome: Sendable, Hashable {
  /// The mean measure with formation drawn, and given that every tie forms.
  public var expectedMeasure: Double
  public var conditionalMeasure: Double
  /// P10 and P90 of the measure with formation drawn.
  public var p10: Double
  public var p90: Double
}
