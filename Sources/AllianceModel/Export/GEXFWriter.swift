/// GEXF 1.2 (readable by Gephi and networkx `read_gexf`) of a network over a range of
/// years, with years as spells: a node lives in the years it is in the snapshot, an edge
/// in the years the pair has any tie, and capability and tie types change over time as
/// dynamic attribute values.
///
/// O(years × (nodes + edges in force)).
public enum GEXFWriter {
  /// - Throws: ``SnapshotError`` when a year is outside the network.
  /// `extra` holds per-node values of one year's snapshot (`extraYear`), written as static
  /// attributes keyed by nation (e.g. analytics results for Gephi styling).
  public static func document(
    _ network: AllianceNetwork, years: ClosedRange<Int>, options: SnapshotOptions = SnapshotOptions(),
    extra: NodeAttributes = NodeAttributes(), extraNations: [Int] = []
  ) throws(SnapshotError) -> String {
    // Per nation: years present and capability per year; per pair: types per year.
    var presence: [Int: [Int]] = [:]
    var capability: [Int: [(Int, Double)]] = [:]
    var pairYears: [UInt64: [(Int, UInt16)]] = [:]
    for year in years {
      let snapshot = try YearSnapshot(network: network, year: year, options: options)
      for (node, nation) in snapshot.nations.enumerated() {
        presence[nation, default: []].append(year)
        if snapshot.capabilityKnown[node] { capability[nation, default: []].append((year, snapshot.capability[node])) }
      }
      for u in 0..<snapshot.nodeCount {
        for entry in snapshot.union.offsets[u]..<snapshot.union.offsets[u + 1] {
          let v = Int(snapshot.union.targets[entry])
          guard u < v else { continue }
          let a = snapshot.nations[u], b = snapshot.nations[v]
          let key = UInt64(min(a, b)) << 32 | UInt64(max(a, b))
          pairYears[key, default: []].append((year, snapshot.unionTypes[entry].rawValue))
        }
      }
    }
    var out = """
      <?xml version="1.0" encoding="UTF-8"?>
      <gexf xmlns="http://www.gexf.net/1.2draft" version="1.2">
        <meta><creator>AllianceGraph</creator><description>\(XML.escape(network.metadata.title)), \(years.lowerBound)–\(years.upperBound)</description></meta>
        <graph mode="dynamic" defaultedgetype="undirected" timeformat="integer" start="\(years.lowerBound)" end="\(years.upperBound)">
          <attributes class="node" mode="static">
            <attribute id="name" title="name" type="string"/>
            <attribute id="abbr" title="abbr" type="string"/>
            <attribute id="cow" title="cow" type="integer"/>
            <attribute id="region" title="region" type="string"/>
            <attribute id="lat" title="lat" type="double"/>
            <attribute id="lon" title="lon" type="double"/>
      \(extra.numbers.map { "      <attribute id=\"x_\(XML.escape($0.name))\" title=\"\(XML.escape($0.name))\" type=\"double\"/>\n" }.joined())\(extra.texts.map { "      <attribute id=\"x_\(XML.escape($0.name))\" title=\"\(XML.escape($0.name))\" type=\"string\"/>\n" }.joined())    </attributes>
          <attributes class="node" mode="dynamic">
            <attribute id="capability" title="capability" type="double"/>
          </attributes>
          <attributes class="edge" mode="dynamic">
            <attribute id="types" title="types" type="string"/>
          </attributes>
          <nodes>

      """
    let lastDay = Day(year: years.upperBound, month: 12, day: 31)
    for nation in presence.keys.sorted() {
      let record = network.nations[nation]
      out += "      <node id=\"\(XML.escape(record.id))\" label=\"\(XML.escape(record.name))\">\n        <attvalues>\n"
      out += "          <attvalue for=\"name\" value=\"\(XML.escape(record.name))\"/>\n"
      out += "          <attvalue for=\"abbr\" value=\"\(XML.escape(record.abbreviation))\"/>\n"
      if let cow = record.cow { out += "          <attvalue for=\"cow\" value=\"\(cow)\"/>\n" }
      out += "          <attvalue for=\"region\" value=\"\(XML.escape(record.region?.rawValue ?? ""))\"/>\n"
      let capital = record.capital(on: lastDay) ?? record.capitals.last
      if let capital {
        out += "          <attvalue for=\"lat\" value=\"\(JSONValue.format(capital.latitude))\"/>\n"
        out += "          <attvalue for=\"lon\" value=\"\(JSONValue.format(capital.longitude))\"/>\n"
      }
      if let row = extraNations.firstIndex(of: nation) {
        for (name, values) in extra.numbers where values[row].isFinite || values[row].isInfinite {
          out += "          <attvalue for=\"x_\(XML.escape(name))\" value=\"\(values[row].isInfinite ? (values[row] > 0 ? "INF" : "-INF") : JSONValue.format(values[row]))\"/>\n"
        }
        for (name, values) in extra.texts where !values[row].isEmpty {
          out += "          <attvalue for=\"x_\(XML.escape(name))\" value=\"\(XML.escape(values[row]))\"/>\n"
        }
      }
      for run in runs(capability[nation] ?? []) {
        out += "          <attvalue for=\"capability\" value=\"\(JSONValue.format(run.value))\" start=\"\(run.start)\" end=\"\(run.end)\"/>\n"
      }
      out += "        </attvalues>\n        <spells>\n"
      for run in runs(presence[nation]!.map { ($0, 0.0) }) {
        out += "          <spell start=\"\(run.start)\" end=\"\(run.end)\"/>\n"
      }
      out += "        </spells>\n      </node>\n"
    }
    out += "    </nodes>\n    <edges>\n"
    var edgeID = 0
    for key in pairYears.keys.sorted() {
      let a = network.nations[Int(key >> 32)].id, b = network.nations[Int(key & 0xFFFF_FFFF)].id
      let history = pairYears[key]!
      out += "      <edge id=\"e\(edgeID)\" source=\"\(XML.escape(a))\" target=\"\(XML.escape(b))\">\n        <attvalues>\n"
      edgeID += 1
      for run in runs(history.map { ($0.0, Double($0.1)) }) {
        let types = TieTypeSet(rawValue: UInt16(run.value)).description
        out += "          <attvalue for=\"types\" value=\"\(types)\" start=\"\(run.start)\" end=\"\(run.end)\"/>\n"
      }
      out += "        </attvalues>\n        <spells>\n"
      for run in runs(history.map { ($0.0, 0.0) }) {
        out += "          <spell start=\"\(run.start)\" end=\"\(run.end)\"/>\n"
      }
      out += "        </spells>\n      </edge>\n"
    }
    out += "    </edges>\n  </graph>\n</gexf>\n"
    return out
  }

  /// Maximal runs of consecutive years with the same value.
  static func runs(_ series: [(Int, Double)]) -> [(start: Int, end: Int, value: Double)] {
    var result: [(start: Int, end: Int, value: Double)] = []
    for (year, value) in series {
      if let last = result.last, last.end == year - 1, last.value == value {
        result[result.count - 1].end = year
      } else {
        result.append((year, year, value))
      }
    }
    return result
  }
}
