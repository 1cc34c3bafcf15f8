import Foundation
import GraphCore
import Testing

@testable import AllianceModel

/// RFC 4180 parsing and the typed accessors of ``CSVTable`` / ``CSVRow``.
@Suite struct CSVTableTests {
  func table(_ text: String, path: String = "t.csv") throws -> CSVTable {
    try CSVTable(path: path, bytes: Array(text.utf8))
  }

  /// Every data row as (line, trimmed fields), via the public accessor.
  func rows(_ table: CSVTable) throws -> [(line: Int, fields: [String?])] {
    var result: [(Int, [String?])] = []
    try table.forEachRow { row in result.append((row.line, (0..<table.header.count).map { row.string($0) })) }
    return result
  }

  /// The InputError thrown by `body`.
  func inputError(_ body: () throws -> Void) -> InputError? {
    #expect(throws: InputError.self) { try body() }
  }

  // MARK: - Syntax

  @Test func quotedFieldsKeepCommasQuotesAndNewlines() throws {
    let t = try table("id,name,note\nKOR,\"Korea, Republic of\",\"say \"\"hi\"\"\"\nX,\"two\nlines\",\nY,y,last\n")
    #expect(t.header == ["id", "name", "note"])
    let r = try rows(t)
    #expect(r.count == 3)
    #expect(r[0].fields == ["KOR", "Korea, Republic of", "say \"hi\""])
    #expect(r[1].fields == ["X", "two\nlines", nil])
    // The row after a two-line field starts on line 5.
    #expect(r.map(\.line) == [2, 3, 5])
    #expect(r[2].fields == ["Y", "y", "last"])
  }

  @Test func crlfLineEndsAreStripped() throws {
    let t = try table("id,name\r\nA,alpha\r\nB,\"beta\"\r\n\r\nC,gamma")
    #expect(t.header == ["id", "name"])
    let r = try rows(t)
    #expect(r.map(\.fields) == [["A", "alpha"], ["B", "beta"], ["C", "gamma"]])
    #expect(r.map(\.line) == [2, 3, 5])
  }

  @Test func commentAndBlankLinesAreSkipped() throws {
    let t = try table("# leading comment\n\nid,v\n# inside\nA,1\n   \n\"#B\",2\n")
    #expect(t.header == ["id", "v"])
    let r = try rows(t)
    // A quoted "#B" is data, not a comment.
    #expect(r.map(\.fields) == [["A", "1"], ["#B", "2"]])
    #expect(r.map(\.line) == [5, 7])
  }

  @Test func byteOrderMarkIsSkipped() throws {
    let t = try CSVTable(path: "bom.csv", bytes: [0xEF, 0xBB, 0xBF] + Array("id,v\nA,1\n".utf8))
    #expect(t.header == ["id", "v"])
    #expect(t.column("id") == 0)
    #expect(try rows(t).map(\.fields) == [["A", "1"]])
  }

  @Test func headerNamesAreTrimmedAndEmptyFieldsGiveNil() throws {
    let t = try table(" id , v \nA,\n")
    #expect(t.header == ["id", "v"])
    #expect(try rows(t).map(\.fields) == [["A", nil]])
  }

  // MARK: - Errors

  @Test(arguments: ["", "\n\n", "# only a comment\n", "\u{FEFF}"])
  func emptyFileIsAnError(text: String) throws {
    let error = inputError { _ = try table(text, path: "empty.csv") }
    #expect(error?.file == "empty.csv")
    #expect(error?.line == 1)
    #expect(error?.message.contains("empty") == true)
  }

  @Test func unterminatedQuoteNamesTheLineItStartsOn() throws {
    let t = try table("id,name\nA,a\nB,\"never closed\nC,c\n", path: "q.csv")
    let error = inputError { try t.forEachRow { _ in } }
    #expect(error?.description == "q.csv:3: a quoted field opened on this line is never closed: expected a closing \"")
    let header = inputError { _ = try table("id,\"name\n", path: "h.csv") }
    #expect(header?.line == 1)
  }

  @Test func textAfterAClosingQuoteIsAnError() throws {
    let t = try table("id,name\nA,\"a\"b\n", path: "x.csv")
    let error = inputError { try t.forEachRow { _ in } }
    #expect(error?.line == 2)
    #expect(error?.message.contains("after a closing quote") == true)
  }

  // MARK: - Strictness (issue 19)

  @Test func rowsWithExtraOrMissingFieldsAreErrors() throws {
    let extra = inputError { try table("id,publisher,title\nA,p,t\nB,p,t,x,y\n", path: "s.csv").forEachRow { _ in } }
    #expect(extra?.description == "s.csv:3: found 5 fields, the header has 3: 2 extra (quote a field that contains a comma)")
    let missing = inputError { try table("id,publisher,title,date\n# c\nA,p\n", path: "s.csv").forEachRow { _ in } }
    #expect(missing?.description == "s.csv:3: found 2 fields, the header has 4: missing title, date")
    // Blank and comment lines are not rows.
    #expect(try rows(table("id,v\n\n# x,y,z\nA,1\n")).count == 1)
  }

  @Test func aQuoteLeftOpenIsReportedWhereItOpens() throws {
    // The quote opened on line 3 is closed by the one opening a field on line 5.
    let text = "id,name,note\nA,a,x\nB,\"b,x\nC,c,x\nD,\"d\",x\n"
    let error = inputError { try table(text, path: "q.csv").forEachRow { _ in } }
    #expect(error?.line == 3)
    #expect(error?.message.contains("opened on this line closes on line 5") == true, "\(error?.message ?? "")")
    // When the fields after it happen to parse, the field count says where the quote opened.
    let counted = inputError { try table("id,name\nA,\"a\nB\",b\n", path: "q.csv").forEachRow { _ in } }
    #expect(counted?.line == 2)
    #expect(counted?.message.contains("the quoted field opened on line 2 closes on line 3") == true, "\(counted?.message ?? "")")
  }

  @Test func unknownColumnsAreErrorsWithDidYouMean() throws {
    let known = ["id", "name", "capital", "lat", "lon", "note"]
    let typo = inputError { try table("id,name,captial\n", path: "n.csv").checkColumns(known, freePrefix: "x_") }
    #expect(typo?.line == 1)
    #expect(typo?.field == "captial")
    #expect(typo?.message.hasPrefix("unknown column \"captial\": did you mean \"capital\"?") == true, "\(typo?.message ?? "")")
    let far = inputError { try table("id,population\n", path: "n.csv").checkColumns(known) }
    #expect(far?.message.hasPrefix("unknown column \"population\" (this table's columns: id, name") == true)
    let twice = inputError { try table("id,name,id\n", path: "n.csv").checkColumns(known) }
    #expect(twice?.message == "column \"id\" appears twice in the header")
    let unnamed = inputError { try table("id,,name\n", path: "n.csv").checkColumns(known) }
    #expect(unnamed?.field == "column 2")
    // The user's own columns, the header after comment lines.
    let own = try table("# notes\nid,x_reviewer,name\n")
    try own.checkColumns(known, freePrefix: "x_")
    #expect(own.headerLine == 2)
    let late = inputError { try table("# notes\nid,Name\n", path: "n.csv").checkColumns(known) }
    #expect(late?.line == 2)
    #expect(late?.message.contains("did you mean \"name\"?") == true)
  }

  @Test func aMissingFileAndAnOversizedOneAreRefusedBeforeReading() throws {
    try withTemporaryDirectory { dir throws in
      let missing = inputError { _ = try CSVTable(path: dir.path("nowhere.csv")) }
      #expect(missing?.description == dir.path("nowhere.csv") + ": no such file or directory")
      // A 10 GB sparse file: refused by its size, without reading (or allocating) it.
      let path = try dir.write("huge.csv", "id,name\n")
      let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
      try handle.truncate(atOffset: 10_000_000_000)
      try handle.close()
      let huge = inputError { _ = try CSVTable(path: path) }
      #expect(huge?.message == "the file has 10000000000 bytes, more than the 256 MiB this reader accepts")
    }
  }

  @Test func missingColumnListsTheHeader() throws {
    let t = try table("id,name\n", path: "n.csv")
    #expect(try t.requireColumn("name") == 1)
    let error = inputError { _ = try t.requireColumn("region") }
    #expect(error?.description == "n.csv:1: region: missing column \"region\"; the header has: id, name")
  }

  // MARK: - Typed accessors

  /// Calls `body` with the single data row of `text`.
  func withRow(_ text: String, path: String = "n.csv", _ body: (CSVRow) throws -> Void) throws {
    var count = 0
    try table(text, path: path).forEachRow { row in
      count += 1
      try body(row)
    }
    #expect(count == 1)
  }

  @Test func integerAccessor() throws {
    try withRow("# c\nyear,end,f,g,h\n 1816 ,,1816.0,-3,\"42\"\n") { row throws in
      #expect(try row.int(0) == 1816)
      #expect(try row.int(1) == nil)
      #expect(try row.int(2) == 1816)
      #expect(try row.int(3) == -3)
      #expect(try row.int(4) == 42)
      #expect(try row.int(nil) == nil)
      #expect(try row.int(9) == nil)
      #expect(try row.requiredInt(0) == 1816)
      let empty = inputError { _ = try row.requiredInt(1) }
      #expect(empty?.description == "n.csv:3: end: expected an integer, found an empty field")
    }
    try withRow("year,end\n18x6,1.5\n") { row throws in
      #expect(inputError { _ = try row.int(0) }?.description == "n.csv:2: year: expected an integer, found \"18x6\"")
      #expect(inputError { _ = try row.int(1) }?.description == "n.csv:2: end: expected an integer, found \"1.5\"")
    }
  }

  @Test func numberAccessor() throws {
    try withRow("lat,lon,a,b,c,d\n-33.5, 151.25 ,,NA,abc,1e3\n", path: "p.csv") { row throws in
      #expect(try row.double(0) == -33.5)
      #expect(try row.double(1) == 151.25)
      #expect(try row.double(2) == nil)
      #expect(try row.double(3) == nil)
      #expect(try row.double(5) == 1000)
      #expect(inputError { _ = try row.double(4) }?.description == "p.csv:2: c: expected a number, found \"abc\"")
    }
  }

  @Test func stringAccessorAndRowErrors() throws {
    try withRow("id,name\n  PAK  ,   \n", path: "s.csv") { row throws in
      #expect(row.line == 2)
      #expect(row.string(0) == "PAK")
      #expect(row.string(1) == nil)
      #expect(try row.requiredString(0) == "PAK")
      let error = inputError { _ = try row.requiredString(1) }
      #expect(error?.description == "s.csv:2: name: expected a value, found an empty field")
      #expect(error == InputError(file: "s.csv", line: 2, field: "name", "expected a value, found an empty field"))
      // An error for a column beyond the header names no field.
      #expect(row.error(7, "x").description == "s.csv:2: x")
    }
  }

  @Test func readsFromDisk() throws {
    try withTemporaryDirectory { dir throws in
      let path = try dir.write("d.csv", "a,b\n1,2\n")
      let t = try CSVTable(path: path)
      #expect(t.path == path)
      #expect(try rows(t).map(\.fields) == [["1", "2"]])
      let missing = inputError { _ = try CSVTable(path: dir.path("none.csv")) }
      #expect(missing?.file == dir.path("none.csv"))
    }
  }
}
