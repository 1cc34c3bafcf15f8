/// Category colours of the diagrams: the Okabe–Ito qualitative palette (Okabe & Ito 2008,
/// "Color Universal Design"), which stays distinguishable under the common colour-vision
/// deficiencies. Its vermillion is left out (red means "uncovered" on a border) and so is its
/// black (a fill under black text); the largest categories get the six colours, every other
/// category the one grey, named in the legend.
public enum DiagramPalette {
  /// Orange, sky blue, bluish green, yellow, blue, reddish purple.
  public static let colors = ["#e69f00", "#56b4e9", "#009e73", "#f0e442", "#0072b2", "#cc79a7"]
  /// The fill of every category without a colour of its own, and of nodes without a category.
  public static let grey = "#bdbdbd"

  /// Which categories get a colour: the `colors.count` largest among `groups` (by node count,
  /// ties by category number), in that order; `-1` (no category) never gets one. O(n log n).
  public static func ranked(_ groups: [Int]) -> [Int] {
    var counts: [Int: Int] = [:]
    for g in groups where g >= 0 { counts[g, default: 0] += 1 }
    return counts.keys.sorted { counts[$0]! != counts[$1]! ? counts[$0]! > counts[$1]! : $0 < $1 }
  }
}

/// The colour of each category drawn in one diagram.
struct CategoryColors {
  /// Category → colour, for the coloured ones; the others are ``DiagramPalette/grey``.
  let colored: [Int: String]
  /// Categories in the diagram, largest first.
  let ranked: [Int]

  init(groups: [Int]) {
    ranked = DiagramPalette.ranked(groups)
    var colored: [Int: String] = [:]
    for (k, g) in ranked.prefix(DiagramPalette.colors.count).enumerated() { colored[g] = DiagramPalette.colors[k] }
    self.colored = colored
  }

  func fill(_ group: Int) -> String { colored[group] ?? DiagramPalette.grey }
  /// The categories drawn grey (beyond the coloured ones).
  var grey: [Int] { Array(ranked.dropFirst(DiagramPalette.colors.count)) }
}
