/// "Did you mean" for names typed by hand (column names, keywords).
enum Suggestion {
  /// The candidate nearest to `name` by edit distance (``NationAliases/distance(_:_:)``,
  /// ignoring case), when it is within a third of the name's length (at least 2, at most 3
  /// edits): `captial` → `capital`. Ties go to the earlier candidate. O(candidates · |name|²).
  static func closest(to name: String, among candidates: [String]) -> String? {
    let key = name.lowercased()
    let limit = min(3, max(2, key.count / 3))
    var best: (distance: Int, name: String)?
    for candidate in candidates where abs(candidate.count - key.count) <= limit {
      let d = NationAliases.distance(candidate.lowercased(), key)
      if d <= limit && d < (best?.distance ?? .max) { best = (d, candidate) }
    }
    return best?.name
  }
}
