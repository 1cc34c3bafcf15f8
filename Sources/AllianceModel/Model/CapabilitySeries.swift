/// One nation's capability over the years (sorted by year).
public struct CapabilitySeries: Sendable, Hashable {
  public private(set) var years: [Int] = []
  public private(set) var values: [Double] = []
  /// How sure each value is, parallel to ``values``.
  public private(set) var confidences: [Confidence] = []

  public init() {}

  /// Adds or replaces the value of `year`. O(log n) search, O(n) insertion out of order.
  public mutating func set(_ value: Double, in year: Int, confidence: Confidence = .high) {
    if years.last.map({ year > $0 }) ?? true {
      years.append(year)
      values.append(value)
      confidences.append(confidence)
      return
    }
    let index = insertionIndex(year)
    if index < years.count && years[index] == year {
      values[index] = value
      confidences[index] = confidence
    } else {
      years.insert(year, at: index)
      values.insert(value, at: index)
      confidences.insert(confidence, at: index)
    }
  }

  /// The confidence of the value recorded for exactly `year` (`nil` when none).
  public func confidence(exactly year: Int) -> Confidence? {
    let index = insertionIndex(year)
    return index < years.count && years[index] == year ? confidences[index] : nil
  }

  public var isEmpty: Bool { years.isEmpty }

  /// The value recorded for exactly `year`.
  public func value(exactly year: Int) -> Double? {
    let index = insertionIndex(year)
    return index < years.count && years[index] == year ? values[index] : nil
  }

  /// The latest value at or before `year` with its year, else the earliest one.
  public func latest(atOrBefore year: Int) -> (year: Int, value: Double)? {
    guard !years.isEmpty else { return nil }
    let index = insertionIndex(year + 1)  // first year > `year`
    let pick = index == 0 ? 0 : index - 1
    return (years[pick], values[pick])
  }

  private func insertionIndex(_ year: Int) -> Int {
    var low = 0, high = years.count
    while low < high {
      let mid = (low + high) / 2
      if years[mid] < year { low = mid + 1 } else { high = mid }
    }
    return low
  }
}

/// How a snapshot picks a nation's capability for a year.
public enum CapabilityRule: Sendable, Hashable {
  /// The latest value at or before the year (the earliest one if all are later, with a
  /// warning). Used for the project's datasets, which record few years.
  case latestAtOrBefore
  /// The value of exactly that year; past `sourceEnd`, the last value of the source
  /// (with a warning). Used for COW NMC.
  case exactYear(sourceEnd: Int)
}
