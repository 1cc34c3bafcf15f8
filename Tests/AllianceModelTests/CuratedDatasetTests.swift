import Foundation
import GraphCore
import Testing

@testable import AllianceModel

/// The curated dataset compiled into the tool (`datasets/curated`, `datasets/groups`).
@Suite struct CuratedDatasetTests {
  static let network: AllianceNetwork? = try? DatasetLoader.builtIn()

  func curated() throws -> AllianceNetwork {
    if let network = Self.network { return network }
    // Loading again reports the error.
    return try DatasetLoader.builtIn()
  }

  @Test func loadsWithEnoughNations() throws {
    let network = try curated()
    #expect(network.metadata.name == "curated")
    #expect(network.metadata.location == "built-in curated dataset")
    #expect(network.metadata.asOf == 2025)
    #expect(network.nations.count >= 120)
    #expect(Set(network.nations.map(\.id)).count == network.nations.count)
    #expect(try DatasetLoader.load(nil).nations.count == network.nations.count)
    #expect(try DatasetLoader.load("curated").nations.count == network.nations.count)
    let snapshot = try YearSnapshot(network: network, year: network.metadata.asOf)
    #expect(snapshot.nodeCount == network.nations.count)
    #expect(snapshot.layer(.defense).edgeCount > 1000)
  }

  @Test func oicHas57MembersWithCapitalsAndCapabilities() throws {
    let network = try curated()
    let oic = try #require(network.group(named: "oic"))
    #expect(oic.members.count == 57)
    #expect(oic.missing.isEmpty)
    for index in oic.members {
      let nation = network.nations[index]
      #expect(!nation.capitals.isEmpty, "\(nation.id) has no capital")
      // Palestine has no capability figure in SIPRI or COW.
      if nation.id == "PSE" {
        #expect(network.capabilities[index].isEmpty)
      } else {
        #expect(!network.capabilities[index].isEmpty, "\(nation.id) has no capability")
      }
    }
    #expect(oic.members.contains(try network.resolve("PAK")))
  }

  @Test func natoHas32MembersIn2025() throws {
    let network = try curated()
    let nato = try #require(network.alliances.first { $0.id == "nato" })
    #expect(nato.integratedCommand)
    #expect(nato.members(in: 2025).count == 32)
    #expect(nato.members(in: 1949).count == 12)
    let snapshot = try YearSnapshot(network: network, year: 2025)
    let active = try #require(snapshot.alliances.first { network.alliances[$0.alliance].id == "nato" })
    #expect(active.members.count == 32)
    // Every pair of members has a defense tie.
    for (i, u) in active.members.enumerated() {
      for v in active.members[(i + 1)...] { #expect(snapshot.types(between: u, and: v).contains(.defense)) }
    }
  }

  @Test func everyCitedSourceExists() throws {
    let network = try curated()
    let ids = Set(network.sources.map(\.id))
    var cited: [String: String] = [:]
    for alliance in network.alliances {
      for id in alliance.provenance.sources { cited[id] = "alliance \(alliance.id)" }
    }
    for tie in network.ties { for id in tie.provenance.sources { cited[id] = "a tie" } }
    for threat in network.threats { for id in threat.provenance.sources { cited[id] = "a threat" } }
    for id in (network.metadata.capabilitySource ?? "").split(separator: ";") { cited[String(id)] = "dataset.json" }
    #expect(!cited.isEmpty)
    for (id, place) in cited.sorted(by: { $0.key < $1.key }) {
      #expect(ids.contains(id), "\(place) cites unknown source \(id)")
    }
    // Every alliance and tie cites at least one source.
    #expect(network.alliances.allSatisfy { !$0.provenance.sources.isEmpty })
    #expect(network.ties.allSatisfy { !$0.provenance.sources.isEmpty })
  }

  // MARK: - Embedded copy

  /// The files of `folder` (relative to the repository) that the embedding script copies.
  func datasetFiles(_ folder: String) throws -> [String: String] {
    let url = repositoryRoot.appendingPathComponent(folder)
    let names = try FileManager.default.contentsOfDirectory(atPath: url.path)
      .filter { $0.hasSuffix(".csv") || $0.hasSuffix(".json") }
    var files: [String: String] = [:]
    for name in names { files[name] = try String(contentsOf: url.appendingPathComponent(name), encoding: .utf8) }
    return files
  }

  /// A Swift multi-line literal drops the file's final newline; nothing else may differ.
  @Test(arguments: ["curated", "groups"])
  func embeddedCopyMatchesTheFiles(folder: String) throws {
    let files = try datasetFiles("datasets/" + folder)
    let embedded = folder == "curated" ? EmbeddedDatasets.curated : EmbeddedDatasets.groups
    #expect(!files.isEmpty)
    let hint =
      "stale Sources/AllianceModel/Embedded/EmbeddedDatasets.swift: run python3 scripts/datasets/embed_datasets.py"
    #expect(embedded.keys.sorted() == files.keys.sorted(), "\(hint)")
    for (name, text) in files.sorted(by: { $0.key < $1.key }) {
      let expected = text.hasSuffix("\n") ? String(text.dropLast()) : text
      #expect(embedded[name] == expected, "datasets/\(folder)/\(name) differs from the embedded copy; \(hint)")
    }
  }

  /// Palestine (PSE) has no COW code, so the COW list has 56 of the 57 members.
  @Test func builtInOICGroupListsCOWCodes() throws {
    #expect(BuiltInGroups.names == ["oic"])
    let codes = try #require(BuiltInGroups.cowCodes(of: "OIC"))
    #expect(codes.count == 56)
    #expect(Set(codes).count == 56)
    #expect(codes.contains(770))
    #expect(BuiltInGroups.cowCodes(of: "nato") == nil)
    // The curated OIC group and the COW list agree wherever the curated nation has a COW code.
    let network = try curated()
    let curatedCodes = Set(try #require(network.group(named: "oic")).members.compactMap { network.nations[$0].cow })
    #expect(curatedCodes.isSubset(of: Set(codes)))
  }

  // MARK: - Nation lookup

  @Test(arguments: ["PAK", "pak", "Pakistan", "PAKISTAN", " pakistan ", "770"])
  func lookupFindsPakistan(name: String) throws {
    let network = try curated()
    #expect(network.nations[try network.resolve(name)].id == "PAK")
  }

  @Test func lookupByCOWAbbreviation() throws {
    let network = try curated()
    // Angola: id AGO, COW abbreviation ANG.
    let angola = try network.resolve("AGO")
    #expect(try network.resolve("ANG") == angola)
    #expect(try network.resolve("540") == angola)
    #expect(try network.resolve("2") == network.resolve("USA"))
  }

  @Test func unknownNameIsALookupError() throws {
    let network = try curated()
    let error = #expect(throws: NationLookupError.self) { _ = try network.resolve("Atlantis") }
    #expect(error == .unknown("Atlantis", []))
    // A part of a name gives suggestions; so does a near miss.
    let partial = #expect(throws: NationLookupError.self) { _ = try network.resolve("Arabia") }
    guard case .unknown(_, let close)? = partial else {
      Issue.record("expected .unknown, got \(String(describing: partial))")
      return
    }
    #expect(close.contains { $0.hasPrefix("SAU") })
    #expect(partial?.description.contains("did you mean") == true)
    let typo = #expect(throws: NationLookupError.self) { _ = try network.resolve("Pakstan") }
    #expect(typo == .unknown("Pakstan", ["PAK (Pakistan)"]))
    // Aliases: historical and alternative names, accents and case folded.
    #expect(try network.resolve("Türkiye") == network.resolve("TUR"))
    #expect(try network.resolve("soviet union") == network.resolve("RUS"))
    #expect(try network.resolve("Ivory Coast") == network.resolve("Côte d’Ivoire"))
    // A name two nations share in the year lists both, unless a filter keeps one.
    let korea = #expect(throws: NationLookupError.self) { _ = try network.resolve("Korea") }
    guard case .ambiguous(_, let both)? = korea else {
      Issue.record("expected .ambiguous, got \(String(describing: korea))")
      return
    }
    #expect(both.count == 2)
    let south = try network.resolve("South Korea")
    #expect(try network.resolve("Korea") { $0 == south } == south)
    #expect(throws: NationLookupError.self) { _ = try network.resolve("99999") }
  }

  @Test func ambiguousNameIsALookupError() throws {
    // Two nations share the abbreviation "GUI"; each id still resolves.
    let nations = [
      Nation(id: "GIN", cow: 438, abbreviation: "GUI", name: "Guinea", region: .africa),
      Nation(id: "GNQ", cow: 411, abbreviation: "GUI", name: "Equatorial Guinea", region: .africa),
    ]
    let metadata = DatasetMetadata(
      name: "t", title: "t", layout: .project, asOf: 2000, capabilityMeasure: "x", location: "t/")
    let network = AllianceNetwork(
      metadata: metadata, nations: nations, capabilities: [CapabilitySeries(), CapabilitySeries()],
      capabilityRule: .latestAtOrBefore, years: 2000...2000)
    let error = #expect(throws: NationLookupError.self) { _ = try network.resolve("gui") }
    #expect(error == .ambiguous("gui", ["GIN (Guinea)", "GNQ (Equatorial Guinea)"]))
    #expect(error?.description.contains("names several nations") == true)
    #expect(try network.resolve("GNQ") == 1)
    #expect(try network.resolve("Guinea") == 0)
    #expect(try network.resolve("411") == 1)
  }
}
