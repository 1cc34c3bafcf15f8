/// Dyad-year obligations (ATOP v5): one undirected pair per row, grouped by year.
///
/// Rows of a year are contiguous, so a year's ties are a slice: O(1) to find.
public struct DyadYearTable: Sendable {
  /// The first and last year with a row (or an empty range).
  public let firstYear: Int
  public let lastYear: Int
  /// Row ranges per year: rows of year y are `rowStart[y - firstYear] ..< rowStart[y - firstYear + 1]`.
  let rowStart: [Int]
  /// Nation indices (a < b) and the obligation mask (``TieTypeSet`` raw bits 0–4).
  public let a: [UInt32]
  public let b: [UInt32]
  public let mask: [UInt8]

  /// Groups `rows` by year (a stable counting sort, O(rows + years)).
  public init(years: [Int32], a: [UInt32], b: [UInt32], mask: [UInt8]) {
    precondition(years.count == a.count && a.count == b.count && b.count == mask.count)
    guard let low = years.min(), let high = years.max() else {
      firstYear = 0
      lastYear = -1
      rowStart = [0]
      self.a = []
      self.b = []
      self.mask = []
      return
    }
    firstYear = Int(low)
    lastYear = Int(high)
    let span = lastYear - firstYear + 1
    var start = [Int](repeating: 0, count: span + 1)
    for y in years { start[Int(y) - firstYear + 1] += 1 }
    for i in 0..<span { start[i + 1] += start[i] }
    var next = start
    var sortedA = [UInt32](repeating: 0, count: a.count)
    var sortedB = sortedA
    var sortedMask = [UInt8](repeating: 0, count: a.count)
    for i in 0..<years.count {
      let slot = Int(years[i]) - firstYear
      let position = next[slot]
      next[slot] += 1
      sortedA[position] = a[i]
      sortedB[position] = b[i]
      sortedMask[position] = mask[i]
    }
    rowStart = start
    self.a = sortedA
    self.b = sortedB
    self.mask = sortedMask
  }

  /// The rows of `year` (empty outside the table).
  public func rows(in year: Int) -> Range<Int> {
    guard year >= firstYear && year <= lastYear else { return 0..<0 }
    return rowStart[year - firstYear]..<rowStart[year - firstYear + 1]
  }

  public var count: Int { a.count }
}
