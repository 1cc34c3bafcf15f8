/// A problem found while parsing one segment, before its line is known globally.
struct SegmentProblem {
  /// 1-based line within the segment.
  var line: Int
  var field: String?
  var message: String
}

/// What one segment of an integer-labelled edge list produced.
struct IntegerSegment {
  var sources: [UInt32] = []
  var targets: [UInt32] = []
  var weights: [Double] = []
  /// Lines seen (all of them when there is no problem).
  var lines = 0
  var maxLabel: UInt32 = 0
  var problem: SegmentProblem?
}

/// Field names used in messages.
enum EdgeListField {
  static let source = "field 1 (source label)"
  static let target = "field 2 (target label)"
  static let weight = "field 3 (weight)"
  static func extra(_ index: Int) -> String { "field \(index)" }
}

/// Text of the token starting at `p`, for error messages.
func tokenText(_ p: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> String {
  var q = p
  while q < end && !Byte.isSeparator(q.pointee) && !Byte.isLineEnd(q.pointee) && q - p < 40 { q += 1 }
  return String(decoding: UnsafeBufferPointer(start: p, count: q - p), as: UTF8.self)
}

/// A read position in a byte range, with the scanning steps of the edge-list grammar.
/// A plain struct (no captured closures), so its loops compile to pointer arithmetic.
struct ByteCursor {
  var p: UnsafePointer<UInt8>
  let end: UnsafePointer<UInt8>

  @inline(__always) var atEnd: Bool { p == end }
  @inline(__always) var atLineEnd: Bool { p == end || Byte.isLineEnd(p.pointee) }
  @inline(__always) var atFieldEnd: Bool {
    p == end || Byte.isSeparator(p.pointee) || Byte.isLineEnd(p.pointee)
  }

  /// Whether the cursor is at a CR that a LF does not follow.
  @inline(__always) var atStrayCarriageReturn: Bool {
    p < end && p.pointee == Byte.carriageReturn && p + 1 < end && p[1] != Byte.newline
  }

  @inline(__always) mutating func skipSeparators() {
    while p < end && Byte.isSeparator(p.pointee) { p += 1 }
  }

  @inline(__always) mutating func skipIndent() {
    while p < end && (p.pointee == Byte.space || p.pointee == Byte.tab) { p += 1 }
  }

  @inline(__always) mutating func skipLine() {
    while p < end && p.pointee != Byte.newline { p += 1 }
    if p < end { p += 1 }
  }

  /// Consumes an optional CR and a LF; returns `false` (consuming nothing more) for a CR
  /// that is not followed by a LF or the end.
  @inline(__always) mutating func consumeLineEnd() -> Bool {
    if p < end && p.pointee == Byte.carriageReturn {
      p += 1
      if p < end && p.pointee != Byte.newline { return false }
    }
    if p < end && p.pointee == Byte.newline { p += 1 }
    return true
  }

  /// Scans up to 11 decimal digits; returns the value and the digit count (11 = too long).
  @inline(__always) mutating func scanDigits() -> (value: UInt64, digits: Int) {
    var value: UInt64 = 0
    var digits = 0
    while p < end {
      let d = p.pointee &- Byte.zero
      if d >= 10 { break }
      value = value &* 10 &+ UInt64(d)
      digits += 1
      p += 1
      if digits > 10 { break }
    }
    return (value, digits)
  }

  /// Skips the current field and returns its bytes.
  @inline(__always) mutating func field() -> UnsafeBufferPointer<UInt8> {
    let start = p
    while p < end && !Byte.isSeparator(p.pointee) && !Byte.isLineEnd(p.pointee) { p += 1 }
    return UnsafeBufferPointer(start: start, count: p - start)
  }
}

/// The message for a label that is not a valid integer id.
@inline(never)
func labelProblem(
  line: Int, field: String, token: UnsafePointer<UInt8>, end: UnsafePointer<UInt8>, value: UInt64, digits: Int,
  declaredNodes: Int?
) -> SegmentProblem {
  let text = tokenText(token, end)
  let isNumeral = !text.isEmpty && text.unicodeScalars.allSatisfy { $0.value >= 0x30 && $0.value <= 0x39 }
  let message: String
  if !isNumeral {
    let hint = text.first == "-" ? "labels must be non-negative; " : ""
    message = "\(hint)expected a non-negative integer label, found \"\(text)\" (use --labels string for names)"
  } else if let declaredNodes, digits <= 10, value >= UInt64(declaredNodes) {
    message = "label \(value) is out of range: --nodes \(declaredNodes) declares labels 0...\(max(declaredNodes - 1, 0))"
  } else {
    message = "label \(text) is too large (at most \(UInt32.max - 1)); use --labels string for other ids"
  }
  return SegmentProblem(line: line, field: field, message: message)
}

/// The message for a carriage return inside a line.
let loneCarriageReturnMessage = "a carriage return (\\r) inside the line: expected LF or CRLF line ends"

/// Parses the lines of `[start, end)` (which begins at a line start) as an edge list with
/// non-negative integer labels below 2³² − 1 (or below `declaredNodes`), two fields and,
/// when `weighted`, a third numeric field. Stops at the first problem, including a line
/// longer than `lineLimit` bytes (before its LF) and a CR not followed by a LF.
///
/// - Complexity: O(bytes); one pass, no per-line allocation.
func parseIntegerSegment(
  _ start: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>, weighted: Bool, declaredNodes: Int?,
  lineLimit: Int = EdgeListReadOptions.maximumLineBytes
) -> IntegerSegment {
  var result = IntegerSegment()
  let estimate = (end - start) / 12 + 16
  var sources: [UInt32] = []
  var targets: [UInt32] = []
  var weights: [Double] = []
  sources.reserveCapacity(estimate)
  targets.reserveCapacity(estimate)
  if weighted { weights.reserveCapacity(estimate) }
  let limit: UInt64 = declaredNodes.map { UInt64($0) } ?? UInt64(UInt32.max)
  var maxLabel: UInt32 = 0
  var cursor = ByteCursor(p: start, end: end)
  var line = 0
  var problem: SegmentProblem?
  // The previous line's start: its length (with its LF) is checked when the next one starts.
  var lineStart = start
  let longest = lineLimit + 1

  parsing: while !cursor.atEnd {
    if cursor.p - lineStart > longest {
      problem = SegmentProblem(line: line, field: nil, message: EdgeListChunks.lineTooLongMessage(lineLimit))
      break
    }
    line += 1
    lineStart = cursor.p
    cursor.skipIndent()
    if cursor.atEnd { break }
    let first = cursor.p.pointee
    if first == Byte.newline {
      cursor.p += 1
      continue
    }
    if first == Byte.carriageReturn {
      guard cursor.consumeLineEnd() else {
        problem = SegmentProblem(line: line, field: nil, message: loneCarriageReturnMessage)
        break
      }
      continue
    }
    if first == Byte.hash || first == Byte.percent {
      cursor.skipLine()
      continue
    }
    var labels: (UInt32, UInt32) = (0, 0)
    for index in 0..<2 {
      if index == 1 {
        cursor.skipSeparators()
        if cursor.atLineEnd {
          problem =
            cursor.atStrayCarriageReturn
            ? SegmentProblem(line: line, field: nil, message: loneCarriageReturnMessage)
            : SegmentProblem(
              line: line, field: EdgeListField.target, message: "missing: a line needs a source and a target label")
          break parsing
        }
      }
      let token = cursor.p
      let (value, digits) = cursor.scanDigits()
      guard digits > 0, digits <= 10, value < limit, cursor.atFieldEnd else {
        problem = labelProblem(
          line: line, field: index == 0 ? EdgeListField.source : EdgeListField.target, token: token, end: end,
          value: value, digits: digits, declaredNodes: declaredNodes)
        break parsing
      }
      if index == 0 { labels.0 = UInt32(truncatingIfNeeded: value) } else { labels.1 = UInt32(truncatingIfNeeded: value) }
    }
    cursor.skipSeparators()
    if weighted {
      if cursor.atLineEnd {
        problem =
          cursor.atStrayCarriageReturn
          ? SegmentProblem(line: line, field: nil, message: loneCarriageReturnMessage)
          : SegmentProblem(
            line: line, field: EdgeListField.weight,
            message: "missing: the first edge line has a weight, so every line needs one")
        break
      }
      let token = cursor.field()
      guard let w = parseDecimal(token) else {
        problem = SegmentProblem(
          line: line, field: EdgeListField.weight,
          message: "expected a number, found \"\(tokenText(token.baseAddress!, end))\"")
        break
      }
      weights.append(w)
      cursor.skipSeparators()
    }
    if !cursor.atLineEnd {
      let message =
        weighted
        ? "unexpected extra field \"\(tokenText(cursor.p, end))\": expected source, target and weight"
        : "unexpected field \"\(tokenText(cursor.p, end))\": the first edge line has no weight, so no line may have one"
      problem = SegmentProblem(line: line, field: EdgeListField.extra(weighted ? 4 : 3), message: message)
      break
    }
    guard cursor.consumeLineEnd() else {
      problem = SegmentProblem(line: line, field: nil, message: loneCarriageReturnMessage)
      break
    }
    sources.append(labels.0)
    targets.append(labels.1)
    maxLabel = max(maxLabel, max(labels.0, labels.1))
  }
  if problem == nil && cursor.p - lineStart > longest {
    problem = SegmentProblem(line: line, field: nil, message: EdgeListChunks.lineTooLongMessage(lineLimit))
  }
  result.sources = sources
  result.targets = targets
  result.weights = weights
  result.lines = line
  result.maxLabel = maxLabel
  result.problem = problem
  return result
}

/// Whether `line` (without its LF) holds a CR other than a final one, outside a comment: the
/// parsers accept LF and CRLF line ends only.
func hasStrayCarriageReturn(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
  var i = 0
  var n = line.count
  if n > 0 && line[n - 1] == Byte.carriageReturn { n -= 1 }
  while i < n && (line[i] == Byte.space || line[i] == Byte.tab) { i += 1 }
  if i < n && (line[i] == Byte.hash || line[i] == Byte.percent) { return false }
  while i < n {
    if line[i] == Byte.carriageReturn { return true }
    i += 1
  }
  return false
}

/// Splits the fields of one line (for the first-line probe and the string-label reader).
/// Returns the field byte ranges, or `nil` for a blank or comment line.
func splitFields(_ line: UnsafeBufferPointer<UInt8>) -> [Range<Int>]? {
  var i = 0
  let n = line.count
  while i < n && (line[i] == Byte.space || line[i] == Byte.tab) { i += 1 }
  if i == n || Byte.isLineEnd(line[i]) || line[i] == Byte.hash || line[i] == Byte.percent { return nil }
  var fields: [Range<Int>] = []
  while i < n && !Byte.isLineEnd(line[i]) {
    let start = i
    while i < n && !Byte.isSeparator(line[i]) && !Byte.isLineEnd(line[i]) { i += 1 }
    fields.append(start..<i)
    while i < n && Byte.isSeparator(line[i]) { i += 1 }
  }
  return fields
}

/// Turns a header line into a comment: when the first edge line of `bytes` is exactly
/// `source target` or `source target weight` (any case, any separator), its first byte
/// becomes `#`, so CSV files written with a header (as ``EdgeListWriter`` writes `.csv`
/// files, and as pandas expects) read as edge lists. Only the first edge line is looked at,
/// so nodes named `source` and `target` elsewhere in the file are untouched.
/// - Returns: whether `bytes` has an edge line (then later chunks must not be looked at).
/// - Complexity: O(length of the lines up to the first edge line).
@discardableResult
func commentOutHeaderLine(_ bytes: UnsafeMutableBufferPointer<UInt8>) -> Bool {
  var start = 0
  while start < bytes.count {
    var end = start
    while end < bytes.count && bytes[end] != Byte.newline { end += 1 }
    let text = UnsafeBufferPointer(rebasing: bytes[start..<end])
    if let fields = splitFields(text) {
      let names = fields.map { String(decoding: UnsafeBufferPointer(rebasing: text[$0]), as: UTF8.self).lowercased() }
      if names == ["source", "target"] || names == ["source", "target", "weight"] {
        bytes[start + fields[0].lowerBound] = Byte.hash
      }
      return true
    }
    start = end + 1
  }
  return false
}
