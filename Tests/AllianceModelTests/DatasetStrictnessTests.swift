import Foundation
import GraphCore
import Testing

@testable import AllianceModel

/// Dataset strictness and hostile sizes (issue 19, items 7 and 8): ragged rows, unknown
/// columns, quotes left open, broken JSON, missing paths, too many nations, years and codes
/// out of range. Each is an error naming file, line and field.
@Suite struct DatasetStrictnessTests {
  // MARK: - Rows and columns

  @Test func aRowWithTwoExtraFieldsNamesFileLineAndCount() throws {
    var dataset = MiniDataset()
    let line = dataset.append("sources.csv", "s3,Pub,Title,2022,,extra,more")
    let error = try #require(try dataset.error())
    #expect(error.file == "sources.csv")
    #expect(error.line == line)
    #expect(error.message == "found 7 fields, the header has 5: 2 extra (quote a field that contains a comma)")
  }

  @Test func aRowWithMissingFieldsNamesThem() throws {
    var dataset = MiniDataset()
    let line = dataset.append("nations.csv", "EEE,500,EE,Epsilon")
    let error = try #require(try dataset.error())
    #expect(error.file == "nations.csv")
    #expect(error.line == line)
    #expect(error.message == "found 4 fields, the header has 9: missing region, capital, lat, …")
  }

  @Test func aMisspeltHeaderGetsDidYouMean() throws {
    var dataset = MiniDataset()
    dataset.files["nations.csv"] = dataset.files["nations.csv"]!.replacingOccurrences(
      of: ",capital,", with: ",captial,")
    let error = try #require(try dataset.error())
    #expect(error.file == "nations.csv")
    #expect(error.line == 1)
    #expect(error.field == "captial")
    #expect(error.message.hasPrefix("unknown column \"captial\": did you mean \"capital\"?"), "\(error.message)")
  }

  static let tables = ["sources", "nations", "capabilities", "alliances", "members", "ties", "threats", "groups"]

  @Test(arguments: tables)
  func anUnknownColumnIsAnErrorInEveryTable(table: String) throws {
    var dataset = MiniDataset()
    let file = table + ".csv"
    let lines = dataset.files[file]!.split(separator: "\n", omittingEmptySubsequences: false)
    dataset.files[file] = lines.enumerated().map {
      $0.offset == 0 ? $0.element + ",colour" : $0.element.isEmpty ? "" : $0.element + ",red"
    }
    .joined(separator: "\n")
    let error = try #require(try dataset.error())
    #expect(error.file == file)
    #expect(error.field == "colour")
    #expect(error.message.hasPrefix("unknown column \"colour\" (this table's columns: "), "\(error.message)")
  }

  @Test(arguments: tables)
  func noteAndOwnColumnsAreAccepted(table: String) throws {
    var dataset = MiniDataset()
    let file = table + ".csv"
    let lines = dataset.files[file]!.split(separator: "\n", omittingEmptySubsequences: false)
    let hasNote = lines[0].split(separator: ",").contains("note")
    let extra = hasNote ? ",x_reviewer" : ",note,x_reviewer"
    let cells = hasNote ? ",me" : ",a note,me"
    dataset.files[file] = lines.enumerated().map {
      $0.offset == 0 ? $0.element + extra : $0.element.isEmpty ? "" : $0.element + cells
    }
    .joined(separator: "\n")
    let network = try dataset.read()
    #expect(network.nations.count == 4)
  }

  @Test func aQuoteLeftOpenOnLineThreeIsReportedOnLineThree() throws {
    // The quote opened on line 3 runs to the quote that opens a field on line 5.
    var dataset = MiniDataset()
    dataset.files["sources.csv"] =
      "id,publisher,title,date,url\ns1,Pub,Title one,2020-01-02,\ns2,\"Pub,Title,2021,\ns3,Pub,T,2021,\ns4,\"Pub, Inc\",T,2021,\n"
    let error = try #require(try dataset.error())
    #expect(error.file == "sources.csv")
    #expect(error.line == 3)
    #expect(error.message.contains("closes on line 5"), "\(error.message)")
  }

  // MARK: - dataset.json

  @Test func brokenJSONNamesLineAndColumn() throws {
    var dataset = MiniDataset()
    dataset.files["dataset.json"] = "{\n  \"format\": \"alliancegraph-dataset/1\",\n  \"asOf\": 20x25\n}\n"
    let error = try #require(try dataset.error())
    #expect(error.file == "dataset.json")
    #expect(error.line == 3)
    #expect(error.column == 13)
    #expect(error.description == "dataset.json:3:13: not valid JSON: invalid value")
    // Columns count characters; a byte-order mark is not one.
    dataset.files["dataset.json"] = "\u{FEFF}{\"é\": [1,, 2]}"
    let bom = try #require(try dataset.error())
    #expect(bom.line == 1 && bom.column == 10, "\(bom)")
    // The end of the file: its last line.
    dataset.files["dataset.json"] = "{\n  \"format\": [1, 2\n"
    let end = try #require(try dataset.error())
    #expect(end.line == 3 && end.column == 1, "\(end)")
    #expect(end.message == "not valid JSON: unexpected end of file during JSON parse")
  }

  @Test func deeplyNestedJSONIsAnErrorNotAStackOverflow() throws {
    var dataset = MiniDataset()
    dataset.files["dataset.json"] = String(repeating: "[", count: 1_000_000) + String(repeating: "]", count: 1_000_000)
    let error = try #require(try dataset.error())
    #expect(error.file == "dataset.json")
    #expect(error.line == 1)
    #expect(error.message.hasPrefix("not valid JSON: too many nested arrays or dictionaries"), "\(error.message)")
  }

  @Test(arguments: ["1e300", "-5", "2020.5", "99999"])
  func anAsOfOutsideTheYearsIsAnError(value: String) throws {
    // 1e300 passed the "integral" check and NSNumber.intValue made it −2⁶³.
    var dataset = MiniDataset()
    dataset.files["dataset.json"] =
      #"{"format": "alliancegraph-dataset/1", "name": "m", "asOf": \#(value), "capability": {"measure": "milex"}}"#
    let error = try #require(try dataset.error())
    #expect(error.field == "asOf")
    #expect(error.message.hasPrefix("expected an integer year in 1…9999"), "\(error.message)")
  }

  // MARK: - Paths

  @Test func aMissingTableIsNoSuchFile() throws {
    var dataset = MiniDataset()
    dataset.files["nations.csv"] = nil
    let error = try #require(try dataset.error())
    #expect(error.file == "nations.csv")
    #expect(error.message == "no such file or directory")
  }

  // MARK: - Hostile sizes

  @Test func aMillionNationsIsAnError() throws {
    var dataset = MiniDataset()
    var text = [UInt8]("id,cow,abbr,name,region,capital,lat,lon,source\n".utf8)
    text.reserveCapacity(1_000_000 * 24)
    for k in 0..<1_000_000 { text += Array("N\(k),,,Nation \(k),Asia,,,,\n".utf8) }
    dataset.files["nations.csv"] = String(decoding: text, as: UTF8.self)
    let error = try #require(try dataset.error())
    #expect(error.file == "nations.csv")
    #expect(error.line == ProjectDatasetReader.maximumNations + 2)
    #expect(error.message == "more than 5000 nations: a dataset holds at most that many")
  }

  @Test(arguments: [
    "ties.csv|AAA,BBB,defense,99999999999,,,s1,,", "ties.csv|AAA,BBB,defense,2000,0,,s1,,",
    "members.csv|pact,DDD,20000,,s1",
  ])
  func yearsOutsideTheRangeAreErrors(_ spec: String) throws {
    let parts = spec.split(separator: "|").map(String.init)
    var dataset = MiniDataset()
    let line = dataset.append(parts[0], parts[1])
    let error = try #require(try dataset.error())
    #expect(error.file == parts[0])
    #expect(error.line == line)
    #expect(error.message.hasPrefix("expected a year in 1…9999"), "\(error.message)")
  }

  @Test func aTableLargerThanTheLimitIsRefusedUnread() throws {
    try withTemporaryDirectory { dir throws in
      for (name, text) in MiniDataset.base { try dir.write(name, text) }
      // nations.csv becomes a 10 GB sparse file: refused by its size.
      let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: dir.path("nations.csv")))
      try handle.truncate(atOffset: 10_000_000_000)
      try handle.close()
      let error = #expect(throws: InputError.self) { _ = try ProjectDatasetReader.read(DatasetFiles(folder: dir.path)) }
      #expect(error?.file == dir.path("nations.csv"))
      #expect(error?.message == "the file has 10000000000 bytes, more than the 256 MiB this reader accepts")
    }
  }

  // MARK: - ATOP and COW

  /// A reference folder holding `states` as cow/states.csv.
  func referenceError(states: String, extra: [String: String] = [:]) throws -> InputError? {
    try withTemporaryDirectory { dir throws in
      try FileManager.default.createDirectory(atPath: dir.path("cow"), withIntermediateDirectories: true)
      try dir.write("cow/states.csv", states)
      for (name, text) in extra { try dir.write(name, text) }
      return #expect(throws: InputError.self) { _ = try ReferenceDataReader.read(folder: dir.path) }
    }
  }

  static let statesHeader = "stateabb,ccode,statenme,styear,stmonth,stday,endyear,endmonth,endday\n"

  @Test func aHugeCOWCodeIsAnErrorNotAnAllocation() throws {
    // The dense code index was sized by the largest code: 10¹⁵ asked for 4 PB.
    let error = try referenceError(
      states: Self.statesHeader
        + "USA,2,United States,1816,1,1,2016,12,31\nXXX,1000000000000000,X,1816,1,1,2016,12,31\n")
    #expect(error?.line == 3)
    #expect(error?.field == "ccode")
    #expect(error?.message == "expected a COW code in 0…999999, found 1000000000000000")
  }

  @Test func aMillionStatesIsAnError() throws {
    var text = [UInt8](Self.statesHeader.utf8)
    for k in 0..<1_000_000 { text += Array("S\(k),\(k),State \(k),1816,1,1,2016,12,31\n".utf8) }
    let error = try referenceError(states: String(decoding: text, as: UTF8.self))
    #expect(error?.line == ProjectDatasetReader.maximumNations + 2)
    #expect(error?.message == "more than 5000 nations: a dataset holds at most that many")
  }

  @Test(arguments: [
    ("cow/capitals.csv", "ccode,capital,stdate,enddate,lat,lng\n2,Washington,99999999999999999-01-01,2016-12-31,38.9,-77.0\n", "stdate"),
    ("cow/contiguity.csv", "ccode1,ccode2,conttype,stdate,enddate\n2,20,1,1920-01-10,1000000000000-12-31\n", "enddate"),
  ])
  func aDateWithAHugeYearIsAnErrorNotATrap(file: String, text: String, field: String) throws {
    // The reference fuzzer's find: Day(iso:) packed year × 10,000 and overflowed.
    let error = try referenceError(
      states: Self.statesHeader + "USA,2,United States,1816,1,1,2016,12,31\nCAN,20,Canada,1920,1,10,2016,12,31\n",
      extra: [file: text])
    #expect(error?.line == 2)
    #expect(error?.field == field)
    #expect(error?.message.hasPrefix("expected a date YYYY-MM-DD") == true, "\(error?.message ?? "no error")")
    #expect(Day(iso: "9999-12-31") == Day.distantFuture)
    #expect(Day(iso: "10000") == nil && Day(iso: "0") == nil)
  }

  @Test func aStateSpanningTenThousandYearsIsAnError() throws {
    let error = try referenceError(states: Self.statesHeader + "USA,2,United States,1816,1,1,123456789,12,31\n")
    #expect(error?.line == 2)
    #expect(error?.field == "endyear")
    #expect(error?.message == "expected a year in 1…9999, found 123456789")
  }
}
