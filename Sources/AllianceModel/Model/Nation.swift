/// A nation (state) of a network.
public struct Nation: Sendable, Hashable {
  /// The dataset's own id: the COW code for ATOP/COW data, ISO alpha-3 in the curated dataset.
  public var id: String
  /// The Correlates of War state code, when known.
  public var cow: Int?
  /// A short abbreviation (COW's `stateabb` or ISO alpha-3).
  public var abbreviation: String
  public var name: String
  public var region: Region?
  /// The capital over time; the first spell whose dates hold a day is used.
  public var capitals: [CapitalSpell]
  /// Nuclear weapons of its own as of the dataset's as-of year.
  public var nuclear: NuclearStatus

  public init(
    id: String, cow: Int? = nil, abbreviation: String, name: String, region: Region?, capitals: [CapitalSpell] = [],
    nuclear: NuclearStatus = .none
  ) {
    self.nuclear = nuclear
    self.id = id
    self.cow = cow
    self.abbreviation = abbreviation
    self.name = name
    self.region = region
    self.capitals = capitals
  }

  /// The capital in force on `day`, or `nil` when unknown.
  public func capital(on day: Day) -> CapitalSpell? {
    capitals.first { $0.from <= day && day <= $0.to }
  }
}

/// A capital city valid from one day to another (inclusive).
public struct CapitalSpell: Sendable, Hashable {
  public var city: String
  public var latitude: Double
  public var longitude: Double
  public var from: Day
  public var to: Day

  public init(city: String, latitude: Double, longitude: Double, from: Day = .distantPast, to: Day = .distantFuture) {
    self.city = city
    self.latitude = latitude
    self.longitude = longitude
    self.from = from
    self.to = to
  }
}

/// A calendar day as `year * 10000 + month * 100 + day`, ordered like dates.
public struct Day: Sendable, Hashable, Comparable, CustomStringConvertible {
  public let value: Int
  public init(year: Int, month: Int = 1, day: Int = 1) { value = year * 10000 + month * 100 + day }
  public static let distantPast = Day(year: -9999)
  public static let distantFuture = Day(year: 9999, month: 12, day: 31)
  /// 1 July of `year`: the day a year's capital is taken on.
  public static func midYear(_ year: Int) -> Day { Day(year: year, month: 7, day: 1) }
  public var year: Int { value / 10000 }
  public static func < (a: Day, b: Day) -> Bool { a.value < b.value }

  /// Parses `YYYY-MM-DD`, `YYYY-MM` or `YYYY`, with a year in 1…9999 (a longer year would
  /// overflow the packed value: the reference fuzzer's find, a capital from year 10¹⁷).
  public init?(iso text: String) {
    let parts = text.split(separator: "-", omittingEmptySubsequences: false)
    guard (1...3).contains(parts.count), let year = Int(parts[0]), (1...9999).contains(year) else { return nil }
    let month = parts.count > 1 ? Int(parts[1]) : 1
    let day = parts.count > 2 ? Int(parts[2]) : 1
    guard let month, let day, (1...12).contains(month), (1...31).contains(day) else { return nil }
    self.init(year: year, month: month, day: day)
  }

  public var description: String {
    let y = value / 10000, m = (value / 100) % 100, d = value % 100
    return "\(y)-\(m < 10 ? "0" : "")\(m)-\(d < 10 ? "0" : "")\(d)"
  }
}
