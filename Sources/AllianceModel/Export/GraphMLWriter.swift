/// GraphML (readable by networkx `read_graphml`, Gephi, yEd) for one year's snapshot.
///
/// Nodes carry id, name, abbreviation, COW code, region, capability, capital coordinates,
/// major-power status, threats and any ``NodeAttributes``; each tied pair is one undirected
/// edge with its tie types (a `types` list and one boolean per type) and weight (the
/// number of types). O(nodes + edges).
public enum GraphMLWriter {
  public static func document(_ snapshot: YearSnapshot, network: AllianceNetwork, extra: NodeAttributes = NodeAttributes()) -> String {
    var out = """
      <?xml version="1.0" encoding="UTF-8"?>
      <graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">

      """
    let nodeKeys: [(String, String)] = [
      ("name", "string"), ("abbr", "string"), ("cow", "int"), ("region", "string"), ("capability", "double"),
      ("capability_known", "boolean"), ("lat", "double"), ("lon", "double"), ("major_power", "boolean"), ("threats", "string"),
    ]
    var keyIDs: [String: String] = [:]
    var counter = 0
    func declare(_ name: String, _ type: String, for domain: String) {
      let id = "d\(counter)"
      counter += 1
      keyIDs[domain + ":" + name] = id
      out += "  <key id=\"\(id)\" for=\"\(domain)\" attr.name=\"\(XML.escape(name))\" attr.type=\"\(type)\"/>\n"
    }
    for (name, type) in nodeKeys { declare(name, type, for: "node") }
    for (name, _) in extra.numbers { declare(name, "double", for: "node") }
    for (name, _) in extra.texts { declare(name, "string", for: "node") }
    declare("types", "string", for: "edge")
    declare("weight", "double", for: "edge")
    for type in TieType.allCases { declare(type.name, "boolean", for: "edge") }
    out += "  <graph id=\"\(XML.escape(network.metadata.name))-\(snapshot.year)\" edgedefault=\"undirected\">\n"
    func data(_ domain: String, _ name: String, _ value: String) -> String {
      "      <data key=\"\(keyIDs[domain + ":" + name]!)\">\(XML.escape(value))</data>\n"
    }
    for (node, record) in NodeRecord.all(snapshot, network).enumerated() {
      out += "    <node id=\"\(XML.escape(record.id))\">\n"
      out += data("node", "name", record.name)
      out += data("node", "abbr", record.abbreviation)
      if let cow = record.cow { out += data("node", "cow", String(cow)) }
      out += data("node", "region", record.region)
      out += data("node", "capability", JSONValue.format(record.capability))
      out += data("node", "capability_known", record.capabilityKnown ? "true" : "false")
      if record.latitude.isFinite {
        out += data("node", "lat", JSONValue.format(record.latitude))
        out += data("node", "lon", JSONValue.format(record.longitude))
      }
      out += data("node", "major_power", record.majorPower ? "true" : "false")
      out += data("node", "threats", record.threats.joined(separator: ";"))
      for (name, values) in extra.numbers where !values[node].isNaN {
        out += data("node", name, JSONValue.format(values[node]))
      }
      for (name, values) in extra.texts where !values[node].isEmpty { out += data("node", name, values[node]) }
      out += "    </node>\n"
    }
    var edgeID = 0
    for u in 0..<snapshot.nodeCount {
      for entry in snapshot.union.offsets[u]..<snapshot.union.offsets[u + 1] {
        let v = Int(snapshot.union.targets[entry])
        guard u < v else { continue }
        let types = snapshot.unionTypes[entry]
        out += "    <edge id=\"e\(edgeID)\" source=\"\(XML.escape(snapshot.labels.label(of: UInt32(u))))\" target=\"\(XML.escape(snapshot.labels.label(of: UInt32(v))))\">\n"
        edgeID += 1
        out += data("edge", "types", types.description)
        out += data("edge", "weight", JSONValue.format(Double(types.types.count)))
        for type in TieType.allCases { out += data("edge", type.name, types.contains(type) ? "true" : "false") }
        out += "    </edge>\n"
      }
    }
    out += "  </graph>\n</graphml>\n"
    return out
  }
}
