/// An axis-aligned box in points: centre and size (Graphviz coordinates, y up).
public struct LabelBox: Sendable, Equatable {
  public var x: Double
  public var y: Double
  public var width: Double
  public var height: Double

  public init(x: Double, y: Double, width: Double, height: Double) {
    self.x = x
    self.y = y
    self.width = width
    self.height = height
  }

  /// Whether the two boxes share interior points (touching edges do not count).
  public func overlaps(_ other: LabelBox) -> Bool {
    abs(x - other.x) * 2 < width + other.width - 1e-9 && abs(y - other.y) * 2 < height + other.height - 1e-9
  }
}

/// Greedy label placement without overlaps: each label goes to the first free spot around
/// its node (below, above, right, left, then the diagonals), on rings further out when the
/// near spots are taken; labels off the first two rings get a leader line. Labels are placed
/// in the order given (largest nodes first, so they keep the near spots). A spot is free
/// when the label box overlaps no placed label and no node's bounding square.
public enum LabelPlacement {
  /// The text-width model the placement and its tests share: 0.6 × font size per character.
  public static func textWidth(_ text: String, fontSize: Double) -> Double { 0.6 * fontSize * Double(text.count) }

  /// One placed label: its box and whether a leader line joins it to its node.
  public struct Placed: Sendable {
    public var box: LabelBox
    public var leader: Bool
  }

  /// Places the labels of `nodes` (centre and radius), sized `sizes`, in `order`.
  /// - Complexity: O(n · rings · k) with k the labels and nodes near a candidate spot (a
  ///   grid of buckets keeps k small); at most `rings` rings are tried, after which the
  ///   label takes the last spot tried.
  ///   Further `obstacles` (e.g. alliance boxes) are kept free too.
  public static func place(
    nodes: [(x: Double, y: Double, radius: Double)], sizes: [(width: Double, height: Double)], order: [Int], obstacles: [LabelBox] = [],
    rings: Int = 60
  ) -> [Placed] {
    var grid = BoxGrid(cell: 24)
    for node in nodes { grid.insert(LabelBox(x: node.x, y: node.y, width: 2 * node.radius, height: 2 * node.radius)) }
    for box in obstacles { grid.insert(box) }
    var placed = [Placed?](repeating: nil, count: nodes.count)
    for i in order {
      let node = nodes[i], size = sizes[i]
      let r = node.radius, w = size.width, h = size.height
      var chosen: Placed?
      var last = LabelBox(x: node.x, y: node.y - r - h / 2, width: w, height: h)
      search: for ring in 0..<rings {
        let gap = 1 + Double(ring) * h * 0.8
        let d = r * 0.71 + gap
        let spots = [
          (node.x, node.y - r - gap - h / 2), (node.x, node.y + r + gap + h / 2),
          (node.x + r + gap + w / 2, node.y), (node.x - r - gap - w / 2, node.y),
          (node.x + d + w / 2, node.y - d - h / 2), (node.x - d - w / 2, node.y - d - h / 2),
          (node.x + d + w / 2, node.y + d + h / 2), (node.x - d - w / 2, node.y + d + h / 2),
        ]
        for (x, y) in spots {
          let box = LabelBox(x: x, y: y, width: w, height: h)
          last = box
          if !grid.overlapsAny(box) {
            chosen = Placed(box: box, leader: ring >= 2)
            break search
          }
        }
      }
      let result = chosen ?? Placed(box: last, leader: true)
      grid.insert(result.box)
      placed[i] = result
    }
    return placed.enumerated().map { i, p in p ?? Placed(box: LabelBox(x: nodes[i].x, y: nodes[i].y, width: 0, height: 0), leader: false) }
  }
}

/// Boxes bucketed by a square grid, for overlap queries near a point.
struct BoxGrid {
  let cell: Double
  var buckets: [Int64: [LabelBox]] = [:]

  init(cell: Double) { self.cell = cell }

  func keys(_ box: LabelBox) -> [Int64] {
    let x0 = Int64(((box.x - box.width / 2) / cell).rounded(.down)), x1 = Int64(((box.x + box.width / 2) / cell).rounded(.down))
    let y0 = Int64(((box.y - box.height / 2) / cell).rounded(.down)), y1 = Int64(((box.y + box.height / 2) / cell).rounded(.down))
    var keys: [Int64] = []
    for gx in x0...x1 { for gy in y0...y1 { keys.append(gx &* 1_000_003 &+ gy) } }
    return keys
  }

  mutating func insert(_ box: LabelBox) { for key in keys(box) { buckets[key, default: []].append(box) } }

  func overlapsAny(_ box: LabelBox) -> Bool {
    for key in keys(box) { if let list = buckets[key], list.contains(where: { $0.overlaps(box) }) { return true } }
    return false
  }
}
