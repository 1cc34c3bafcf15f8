import AllianceAnalytics
import AllianceModel
import Foundation

/// Diagram layouts.
public enum DiagramLayout: String, CaseIterable, Sendable {
  /// Force-directed: neato for small graphs, sfdp for larger ones.
  case force
  /// Capitals pinned to an equirectangular projection of their coordinates (neato -n).
  case geo
  /// The focal nation and its partners.
  case ego
  /// Alliances as boxes linked to their members.
  case alliances
}

/// What a diagram shows, per node of a ``StrategicNetwork``.
public struct DiagramInput: Sendable {
  public var network: StrategicNetwork
  public var title: String
  /// Node area follows this value (e.g. capability, FM, a centrality); its name is in the legend.
  public var sizeValues: [Double]
  public var sizeName: String
  /// Colour group per node (−1: none), the groups' names for the legend, and what the
  /// colour means (e.g. "bloc (Louvain communities of the alliance layer)").
  public var colorGroups: [Int]
  public var colorNames: [String]
  public var colorName: String
  /// Highlighted nodes.
  public var uncovered: [Bool]
  public var singlePoints: [Bool]
  /// Capital coordinates in degrees (NaN: unknown), for the geographic layout.
  public var latitude: [Double]
  public var longitude: [Double]

  public init(
    network: StrategicNetwork, title: String, sizeValues: [Double], sizeName: String, colorGroups: [Int], colorNames: [String],
    colorName: String, uncovered: [Bool], singlePoints: [Bool], latitude: [Double], longitude: [Double]
  ) {
    self.network = network
    self.title = title
    self.sizeValues = sizeValues
    self.sizeName = sizeName
    self.colorGroups = colorGroups
    self.colorNames = colorNames
    self.colorName = colorName
    self.uncovered = uncovered
    self.singlePoints = singlePoints
    self.latitude = latitude
    self.longitude = longitude
  }
}

/// How the ego view draws ties among the focus's partners.
public enum PartnerTies: String, CaseIterable, Sendable {
  /// Thin and pale, under the focus's own ties.
  case faint
  /// Not drawn.
  case off
  /// Drawn like the focus's ties.
  case full
}

/// Which nodes and ties to draw and how.
public struct DiagramOptions: Sendable {
  public var layout: DiagramLayout = .force
  /// The focal nation (ego view; also outlined in other views).
  public var focus: Int? = nil
  /// Tie types drawn.
  public var types = TieTypeSet(TieType.allCases)
  /// Above this many nodes, filter with ``top`` or refuse.
  public var maxNodes = 300
  /// Keep only the top-k nodes by size value.
  public var top: Int? = nil
  /// Keep only the largest connected component (or the focus's).
  public var component = false
  /// Alliance view: alliances with at least this many members in force.
  public var minimumMembers = 3
  /// Ego view: hops around the focus.
  public var egoHops = 1
  /// Draw only these nodes (e.g. a group's members), before the other filters.
  public var restrictTo: [Int]? = nil
  /// Ego view: how ties among the partners are drawn (the focus's own ties always are).
  public var partnerTies: PartnerTies = .faint
  /// Geographic view: coastlines and borders under the capitals.
  public var basemap = true
  public init() {}
}

/// A diagram too large to draw, or asked for without what it needs.
public struct DiagramError: Error, CustomStringConvertible, Equatable {
  public let description: String
  public init(_ description: String) { self.description = description }
}

/// A diagram as DOT text with the Graphviz engine that lays it out.
public struct DiagramSource: Sendable {
  public var dot: String
  public var engine: String
  /// Node ids drawn (for tests and captions).
  public var nodes: [Int]
  /// Ties (or memberships) drawn.
  public var edges: Int
  /// Threat edges drawn (ego and geographic views).
  public var threats: Int = 0
  /// What was filtered out, in words, if anything.
  public var note: String?
  /// Exact circle radii in points by SVG group id (Graphviz rounds node sizes to whole
  /// points; ``render(_:)`` puts these back into SVG).
  public var radii: [String: Double] = [:]

  public init(dot: String, engine: String, nodes: [Int], edges: Int, threats: Int = 0, note: String? = nil, radii: [String: Double] = [:]) {
    self.dot = dot
    self.engine = engine
    self.nodes = nodes
    self.edges = edges
    self.threats = threats
    self.note = note
    self.radii = radii
  }
}

