import Foundation
import Testing

@testable import AllianceRender

/// In-process libgvc: output formats, errors as Swift errors with Graphviz's message, and
/// repeated calls.
@Suite(.serialized) struct GraphvizTests {
  static func sampleSource() throws -> DiagramSource {
    let loaded = try MiniWorld.sample.load()
    var options = DiagramOptions()
    options.focus = loaded.network("CHN")
    return try AllianceDiagram.build(plainInput(loaded, uncovered: ["PAK"]), options: options)
  }

  @Test func pngHasTheMagicBytes() throws {
    let source = try Self.sampleSource()
    let png = try Graphviz.render(dot: source.dot, engine: source.engine, format: .png)
    #expect(Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
    #expect(png.count > 5_000, "\(png.count) bytes")
    // The IHDR chunk follows: a plausible picture size.
    #expect(String(decoding: png[12..<16], as: UTF8.self) == "IHDR")
    let width = png[16..<20].reduce(0) { $0 << 8 | Int($1) }, height = png[20..<24].reduce(0) { $0 << 8 | Int($1) }
    #expect((100...10_000).contains(width), "width \(width)")
    #expect((100...10_000).contains(height), "height \(height)")
  }

  @Test func pdfStartsWithTheHeader() throws {
    let source = try Self.sampleSource()
    let pdf = try Graphviz.render(dot: source.dot, engine: source.engine, format: .pdf)
    #expect(String(decoding: pdf.prefix(5), as: UTF8.self) == "%PDF-")
    #expect(pdf.count > 5_000, "\(pdf.count) bytes")
    #expect(String(decoding: pdf.suffix(8), as: UTF8.self).contains("%%EOF"))
  }

  @Test func svgParsesAsXML() throws {
    let source = try Self.sampleSource()
    let svg = try SVGDocument(try Graphviz.render(dot: source.dot, engine: source.engine, format: .svg))
    #expect(svg.root.name == "svg")
    #expect(svg.groups("nation").count == 6)
  }

  @Test func dotOutputIsReadBackByGraphviz() throws {
    let source = try Self.sampleSource()
    let dot = String(decoding: try Graphviz.render(dot: source.dot, engine: source.engine, format: .dot), as: UTF8.self)
    #expect(dot.hasPrefix("graph alliances {"))
    #expect(dot.contains("pos=\""), "laid-out DOT carries positions")
    // Positions kept (nop2) and laid out again (neato): both parse and draw every node and edge.
    for engine in ["nop2", "neato"] {
      let svg = try SVGDocument(try Graphviz.render(dot: dot, engine: engine, format: .svg))
      #expect(svg.groups("nation").count == 6, "\(engine)")
      #expect(svg.groups("edge").filter { $0.id?.hasPrefix("e_") == true }.count == source.edges, "\(engine)")
      #expect(
        svg.groups("edge").filter { $0.classes == ["edge", "defense"] }.count == 1,
        "\(engine): classes survive the round trip")
      #expect(svg.element(id: "n_PAK")?.classes.contains("uncovered") == true, "\(engine): ids and classes survive")
    }
    // Laid-out DOT read back as DOT again is stable in its node set.
    let again = String(decoding: try Graphviz.render(dot: dot, engine: "nop2", format: .dot), as: UTF8.self)
    #expect(again.contains("n_PAK"))
  }

  @Test func badSyntaxIsASwiftErrorWithGraphvizMessage() throws {
    let error = #expect(throws: GraphvizError.self) {
      try Graphviz.render(dot: "graph { a -- ; }", engine: "neato", format: .svg)
    }
    let message = try #require(error).description
    #expect(message.contains("could not parse"), "\(message)")
    #expect(message.contains("syntax error"), "Graphviz's own message: \(message)")
    #expect(message.hasSuffix("Error: syntax error in line 1 near ';'"), "Graphviz's message in one piece: \(message)")
  }

  @Test func syntaxErrorLinesCountFromTheStartOfEachText() throws {
    // Graphviz's lexer keeps its line count across parses unless reset.
    _ = try Graphviz.render(dot: "graph {\n a\n b\n c\n d\n e\n}\n", engine: "neato", format: .svg)
    for _ in 0..<2 {
      let error = #expect(throws: GraphvizError.self) {
        try Graphviz.render(dot: "graph {\n a --\n ;\n}\n", engine: "neato", format: .svg)
      }
      #expect(error?.description.contains("syntax error in line 3 near ';'") == true, "\(error?.description ?? "")")
    }
  }

  @Test func unknownLayoutEngineIsASwiftErrorWithGraphvizMessage() throws {
    let error = #expect(throws: GraphvizError.self) {
      try Graphviz.render(dot: "graph { a -- b }", engine: "nosuchengine", format: .svg)
    }
    let message = try #require(error).description
    #expect(message.contains("\"nosuchengine\""), "\(message)")
    #expect(message.contains("not recognized"), "Graphviz's own message: \(message)")
    // Graphviz lists the engines it has.
    #expect(message.contains("neato"), "\(message)")
  }

  @Test func messagesDoNotCarryOverBetweenCalls() throws {
    _ = try? Graphviz.render(dot: "graph { a -- ; }", engine: "neato", format: .svg)
    let error = #expect(throws: GraphvizError.self) {
      try Graphviz.render(dot: "graph { a -- b }", engine: "nosuchengine", format: .svg)
    }
    #expect(error?.description.contains("syntax") == false, "\(error?.description ?? "")")
    // A success after failures is a clean success.
    let svg = try SVGDocument(try Graphviz.render(dot: "graph { a -- b }", engine: "neato", format: .svg))
    #expect(svg.groups("node").count == 2)
  }

  @Test func repeatedFailuresAndSuccessesDoNotCrash() throws {
    var failures = 0
    var sizes = Set<Int>()
    for i in 0..<200 {
      do {
        _ = try Graphviz.render(dot: "graph { a -- ; }", engine: "neato", format: .svg)
      } catch { failures += 1 }
      do {
        _ = try Graphviz.render(dot: "graph { a -- b }", engine: "nosuchengine", format: .svg)
      } catch { failures += 1 }
      let bytes = try Graphviz.render(dot: "graph { a -- b; b -- c; n\(i % 3) }", engine: "neato", format: .svg)
      sizes.insert(bytes.count)
      #expect(String(decoding: bytes.suffix(7), as: UTF8.self).contains("</svg>"))
    }
    #expect(failures == 400)
    #expect(sizes.count <= 3, "the same graph renders the same way")
  }

  @Test func availability() {
    #expect(Graphviz.available(engine: "neato", format: .svg))
    #expect(Graphviz.available(engine: "sfdp", format: .svg))
    #expect(Graphviz.available(engine: "nop", format: .svg))
    #expect(!Graphviz.available(engine: "nosuchengine", format: .svg))
  }

  @Test func formatFromPath() {
    #expect(DiagramFormat(path: "x.svg") == .svg)
    #expect(DiagramFormat(path: "out/X.PNG") == .png)
    #expect(DiagramFormat(path: "a.b.pdf") == .pdf)
    #expect(DiagramFormat(path: "g.dot") == .dot)
    #expect(DiagramFormat(path: "x.txt") == nil)
    #expect(DiagramFormat(path: "x.svg.txt") == nil)
    #expect(DiagramFormat(path: "x") == nil)
    // No extension: a file named like a format is not that format.
    #expect(DiagramFormat(path: "svg") == nil)
    #expect(DiagramFormat(path: "out.d/svg") == nil)
  }
}
