/// One year's snapshot as JSON with every attribute: nations, ties with their types,
/// alliances in force with members, threats, groups, sources and warnings.
///
/// O(nodes + edges + alliance members).
public enum SnapshotJSON {
  public static func document(_ snapshot: YearSnapshot, network: AllianceNetwork, extra: NodeAttributes = NodeAttributes()) -> JSONValue {
    let records = NodeRecord.all(snapshot, network)
    let nodes: [JSONValue] = records.enumerated().map { node, record in
      var entries: [(String, JSONValue)] = [
        ("nation", .string(record.id)), ("name", .string(record.name)), ("abbr", .string(record.abbreviation)),
        ("cow", record.cow.map { .int($0) } ?? .null), ("region", .string(record.region)),
        ("capability", record.capabilityKnown ? .number(record.capability) : .null),
        ("lat", record.latitude.isFinite ? .number(record.latitude) : .null),
        ("lon", record.longitude.isFinite ? .number(record.longitude) : .null),
        ("major_power", .bool(record.majorPower)), ("threats", .array(record.threats.map { .string($0) })),
      ]
      for (name, values) in extra.numbers { entries.append((name, values[node].isFinite ? .number(values[node]) : .null)) }
      for (name, values) in extra.texts { entries.append((name, .string(values[node]))) }
      return .object(entries)
    }
    var edges: [JSONValue] = []
    for u in 0..<snapshot.nodeCount {
      for entry in snapshot.union.offsets[u]..<snapshot.union.offsets[u + 1] {
        let v = Int(snapshot.union.targets[entry])
        guard u < v else { continue }
        edges.append(
          .object([
            ("a", .string(snapshot.labels.label(of: UInt32(u)))), ("b", .string(snapshot.labels.label(of: UInt32(v)))),
            ("types", .array(snapshot.unionTypes[entry].types.map { .string($0.name) })),
          ]))
      }
    }
    let alliances: [JSONValue] = snapshot.alliances.map { active in
      let alliance = network.alliances[active.alliance]
      return .object([
        ("id", .string(alliance.id)), ("name", .string(alliance.name)), ("kind", .string(alliance.kind)),
        ("obligations", .array(alliance.obligations.types.map { .string($0.name) })),
        ("start", .int(alliance.span.start)), ("end", alliance.span.end.map { .int($0) } ?? .null),
        ("integrated_command", .bool(alliance.integratedCommand)),
        ("members", .array(active.members.map { .string(snapshot.labels.label(of: $0)) })),
      ])
    }
    var threats: [JSONValue] = []
    for u in 0..<snapshot.nodeCount {
      for v in snapshot.threats.neighbors(of: UInt32(u)) where Int(v) > u {
        threats.append(.array([.string(snapshot.labels.label(of: UInt32(u))), .string(snapshot.labels.label(of: v))]))
      }
    }
    let groups: [JSONValue] = network.groups.map { group in
      .object([
        ("name", .string(group.name)),
        ("members", .array(group.members.compactMap { snapshot.node(ofNation: $0) }.map { .string(snapshot.labels.label(of: $0)) })),
      ])
    }
    return .object([
      ("dataset", .string(network.metadata.name)), ("title", .string(network.metadata.title)), ("year", .int(snapshot.year)),
      ("capability", .object([
        ("measure", .string(network.metadata.capabilityMeasure)), ("unit", .string(network.metadata.capabilityUnit)),
        ("year", network.metadata.capabilityYear.map { .int($0) } ?? .null),
      ])),
      ("nations", .array(nodes)), ("ties", .array(edges)), ("alliances", .array(alliances)), ("threats", .array(threats)),
      ("groups", .array(groups)),
      ("sources", .array(network.sources.map { source in
        .object([
          ("id", .string(source.id)), ("publisher", .string(source.publisher)), ("title", .string(source.title)),
          ("date", .string(source.date)), ("url", source.url.map { .string($0) } ?? .null),
        ])
      })),
      ("warnings", .array(snapshot.warnings.map { .string($0.description) })),
    ])
  }
}
