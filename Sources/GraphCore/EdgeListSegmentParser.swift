/// A problem found while parsing one segment, before its line is known globally.
struct SegmentProblem {
  /// 1-based line within the segment.
  var line: Int
  var field: String
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

/// Parses the lines of `[start, end)` (which begins at a line start) as an edge list with
/// non-negative integer labels below 2³² − 1 (or below `declaredNodes`), two fields and,
/// when `weighted`, a third numeric field. Stops at the first problem.
///
/// - Complexity: O(bytes); one pass, no per-line allocation.
func parseIntegerSegment(
  _ start: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>, weighted: Bool, declaredNodes: Int?
) -> IntegerSegment {
  var result = IntegerSegment()
  let estimate = (end - start) / 12 + 16
  result.sources.reserveCapacity(estimate)
  result.targets.reserveCapacity(estimate)
  if weighted { result.weights.reserveCapacity(estimate) }
  let limit: UInt64 = declaredNodes.map { UInt64($0) } ?? UInt64(UInt32.max)
  var maxLabel: UInt32 = 0
  var p = start
  var line = 0

  @inline(__always) func skipSeparators() {
    while p < end && Byte.isSeparator(p.pointee) { p += 1 }
  }
  @inline(__always) func atLineEnd() -> Bool { p == end || Byte.isLineEnd(p.pointee) }
  @inline(__always) func skipLine() {
    while p < end && p.pointee != Byte.newline { p += 1 }
    if p < end { p += 1 }
  }

  /// Parses one label; on failure records the problem and returns nil.
  @inline(__always) func label(_ field: String) -> UInt32? {
    let tokenStart = p
    var value: UInt64 = 0
    var digits = 0
    while p < end {
      let d = p.pointee &- Byte.zero
      if d >= 10 { break }
      value = value &* 10 &+ UInt64(d)
      digits += 1
      if digits > 10 { break }
      p += 1
    }
    if digits == 0 || digits > 10 || !(p == end || Byte.isSeparator(p.pointee) || Byte.isLineEnd(p.pointee)) {
      let text = tokenText(tokenStart, end)
      let hint = text.first == "-" ? "labels must be non-negative; " : ""
      let why =
        digits > 10
        ? "label \(text) is too large (at most \(UInt32.max - 1)); use --labels string for other ids"
        : "\(hint)expected a non-negative integer label, found \"\(text)\" (use --labels string for names)"
      result.problem = SegmentProblem(line: line, field: field, message: why)
      return nil
    }
    if value >= limit {
      let why =
        declaredNodes != nil
        ? "label \(value) is out of range: --nodes \(limit) declares labels 0...\(limit == 0 ? 0 : limit - 1)"
        : "label \(value) is too large (at most \(UInt32.max - 1)); use --labels string for other ids"
      result.problem = SegmentProblem(line: line, field: field, message: why)
      return nil
    }
    return UInt32(truncatingIfNeeded: value)
  }

  while p < end {
    line += 1
    while p < end && (p.pointee == Byte.space || p.pointee == Byte.tab) { p += 1 }
    if p == end { break }
    let first = p.pointee
    if first == Byte.newline { p += 1; continue }
    if first == Byte.carriageReturn || first == Byte.hash || first == Byte.percent {
      skipLine()
      continue
    }
    guard let s = label(EdgeListField.source) else { break }
    skipSeparators()
    if atLineEnd() {
      result.problem = SegmentProblem(
        line: line, field: EdgeListField.target, message: "missing: a line needs a source and a target label")
      break
    }
    guard let t = label(EdgeListField.target) else { break }
    skipSeparators()
    if weighted {
      if atLineEnd() {
        result.problem = SegmentProblem(
          line: line, field: EdgeListField.weight,
          message: "missing: the first edge line has a weight, so every line needs one")
        break
      }
      let tokenStart = p
      while p < end && !Byte.isSeparator(p.pointee) && !Byte.isLineEnd(p.pointee) { p += 1 }
      guard let w = parseDecimal(UnsafeBufferPointer(start: tokenStart, count: p - tokenStart)) else {
        result.problem = SegmentProblem(
          line: line, field: EdgeListField.weight,
          message: "expected a number, found \"\(tokenText(tokenStart, end))\"")
        break
      }
      result.weights.append(w)
      skipSeparators()
    }
    if !atLineEnd() {
      let index = weighted ? 4 : 3
      let message =
        weighted
        ? "unexpected extra field \"\(tokenText(p, end))\": expected source, target and weight"
        : "unexpected field \"\(tokenText(p, end))\": the first edge line has no weight, so no line may have one"
      result.problem = SegmentProblem(line: line, field: EdgeListField.extra(index), message: message)
      break
    }
    if p < end && p.pointee == Byte.carriageReturn { p += 1 }
    if p < end && p.pointee == Byte.newline { p += 1 }
    result.sources.append(s)
    result.targets.append(t)
    maxLabel = max(maxLabel, max(s, t))
  }
  result.lines = line
  result.maxLabel = maxLabel
  return result
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
