/// The kinds of tie between two nations: treaty obligations (ATOP's five) and
/// cooperation channels.
///
/// Raw values are stable: they index per-type arrays and appear in bit masks.
public enum TieType: UInt8, CaseIterable, Sendable, Comparable, CustomStringConvertible {
  case defense = 0, offense, neutrality, nonaggression, consultation
  case exercise, training, intelligence, technology, arms, aid

  /// The name used in datasets, CSV columns and JSON keys.
  public var name: String {
    switch self {
    case .defense: "defense"
    case .offense: "offense"
    case .neutrality: "neutrality"
    case .nonaggression: "nonaggression"
    case .consultation: "consultation"
    case .exercise: "exercise"
    case .training: "training"
    case .intelligence: "intelligence"
    case .technology: "technology"
    case .arms: "arms"
    case .aid: "aid"
    }
  }

  public var description: String { name }

  /// A treaty obligation (the first five), as opposed to a cooperation channel.
  public var isObligation: Bool { rawValue <= TieType.consultation.rawValue }

  /// A cooperation channel: feeds interoperability, not capability.
  public var isChannel: Bool { !isObligation }

  /// The treaty obligations.
  public static let obligations: [TieType] = [.defense, .offense, .neutrality, .nonaggression, .consultation]
  /// The cooperation channels.
  public static let channels: [TieType] = [.exercise, .training, .intelligence, .technology, .arms, .aid]

  /// Parses a dataset name; also accepts ATOP's short forms (`neutral`, `nonagg`, `consul`).
  public init?(name: String) {
    switch name.lowercased() {
    case "defense", "defence": self = .defense
    case "offense", "offence": self = .offense
    case "neutrality", "neutral": self = .neutrality
    case "nonaggression", "nonagg", "non-aggression": self = .nonaggression
    case "consultation", "consul": self = .consultation
    case "exercise", "exercises": self = .exercise
    case "training": self = .training
    case "intelligence": self = .intelligence
    case "technology": self = .technology
    case "arms": self = .arms
    case "aid": self = .aid
    default: return nil
    }
  }

  public static func < (a: TieType, b: TieType) -> Bool { a.rawValue < b.rawValue }

  /// Every accepted name, for error messages.
  public static var namesDescription: String { allCases.map(\.name).joined(separator: ", ") }
}

/// A set of tie types as a bit mask.
public struct TieTypeSet: OptionSet, Sendable, Hashable, CustomStringConvertible {
  public let rawValue: UInt16
  public init(rawValue: UInt16) { self.rawValue = rawValue }
  public init(_ type: TieType) { rawValue = 1 << type.rawValue }
  public init<S: Sequence>(_ types: S) where S.Element == TieType {
    rawValue = types.reduce(0) { $0 | (1 << $1.rawValue) }
  }

  public func contains(_ type: TieType) -> Bool { rawValue & (1 << type.rawValue) != 0 }
  public mutating func insert(_ type: TieType) { self.formUnion(TieTypeSet(type)) }

  /// The types in the set, in raw-value order.
  public var types: [TieType] { TieType.allCases.filter { contains($0) } }

  /// The obligation part of the set.
  public var obligations: TieTypeSet { TieTypeSet(rawValue: rawValue & 0b11111) }
  /// The channel part of the set.
  public var channels: TieTypeSet { TieTypeSet(rawValue: rawValue & ~0b11111) }

  /// `defense;consultation` style.
  public var description: String { types.map(\.name).joined(separator: ";") }
}
