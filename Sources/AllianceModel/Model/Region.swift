/// The Correlates of War world regions.
public enum Region: String, CaseIterable, Sendable, Comparable {
  case americas = "Americas"
  case europe = "Europe"
  case africa = "Africa"
  case middleEast = "Middle East"
  case asia = "Asia"
  case oceania = "Oceania"

  /// The region of a COW state code by the COW ranges (2–165 Americas, 200–399 Europe,
  /// 400–626 Africa, 630–698 Middle East, 700–899 Asia, 900–990 Oceania), or `nil` outside them.
  public init?(cowCode code: Int) {
    switch code {
    case 2...199: self = .americas
    case 200...399: self = .europe
    case 400...629: self = .africa
    case 630...699: self = .middleEast
    case 700...899: self = .asia
    case 900...999: self = .oceania
    default: return nil
    }
  }

  /// Parses a dataset value, case-insensitively.
  public init?(name: String) {
    guard let match = Region.allCases.first(where: { $0.rawValue.lowercased() == name.lowercased() }) else {
      return nil
    }
    self = match
  }

  /// The group name used with `--group` (`americas`, `middle-east`, …).
  public var groupName: String { String(rawValue.lowercased().map { $0 == " " ? "-" : $0 }) }

  public static func < (a: Region, b: Region) -> Bool { a.rawValue < b.rawValue }
}

