import Testing

@testable import GraphCore

@Suite struct GraphFileKindTests {
  @Test func kindsByExtension() {
    #expect(GraphFileKind(path: "a.bin") == .snapshot)
    #expect(GraphFileKind(path: "/x/y/a.BIN") == .snapshot)
    #expect(GraphFileKind(path: "a.el") == .edgeList(separator: Byte.space))
    #expect(GraphFileKind(path: "a.txt") == .edgeList(separator: Byte.space))
    #expect(GraphFileKind(path: "k20.wel") == .edgeList(separator: Byte.space))
    #expect(GraphFileKind(path: "a.edges") == .edgeList(separator: Byte.space))
    #expect(GraphFileKind(path: "dir/a.tsv") == .edgeList(separator: Byte.tab))
    #expect(GraphFileKind(path: "a.b.csv") == .edgeList(separator: Byte.comma))
  }

  @Test func unknownExtensions() {
    for path in ["a", "a.xyz", ".bin", "dir.el/file", "a.", "a.bin.gz", "/tmp/.el"] {
      #expect(GraphFileKind(path: path) == nil, "\(path)")
    }
  }

  @Test func supportedDescriptionListsEveryExtension() {
    #expect(GraphFileKind.supportedDescription == ".el, .wel, .txt, .tsv, .csv, .edges, .bin")
    for ext in GraphFileKind.edgeListExtensions {
      #expect(GraphFileKind(path: "g.\(ext)") != nil)
    }
  }
}
