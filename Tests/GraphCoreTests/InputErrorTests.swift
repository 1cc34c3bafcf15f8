import Testing

@testable import GraphCore

@Suite struct InputErrorTests {
  @Test func descriptionReadsLikeADiagnostic() {
    #expect(
      InputError(file: "graph.el", line: 12, field: "field 3 (weight)", "expected a number").description
        == "graph.el:12: field 3 (weight): expected a number")
    #expect(InputError(file: "g.bin", field: "header.magic", "bad").description == "g.bin: header.magic: bad")
    #expect(InputError(file: "g.el", line: 3, "oops").description == "g.el:3: oops")
    #expect(InputError(file: "g.el", "oops").description == "g.el: oops")
  }
}
