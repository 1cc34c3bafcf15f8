/// Reads a text file in chunks that end after a newline, for the edge-list parsers.
///
/// Memory is bounded whatever the file: a buffer of the chunk size, grown only while one
/// line does not fit it, and never past ``EdgeListReadOptions/maximumLineBytes`` (the
/// parsers check every line against the same limit), so a 1 GB line or a sparse file of
/// zeros is refused after one chunk. The caller parses each chunk before asking for the next.
struct EdgeListChunks: ~Copyable {
  let file: InputFile
  let maximumLineBytes: Int
  private var buffer: UnsafeMutableRawBufferPointer
  private var capacity: Int
  /// Where the unfinished line after the last chunk starts, and its length (it holds no newline).
  private var carriedStart = 0
  private var carriedCount = 0
  private var atEnd = false
  /// Bytes read so far.
  private(set) var bytesRead = 0

  init(file: InputFile, chunkBytes: Int, maximumLineBytes: Int) {
    self.file = file
    self.maximumLineBytes = maximumLineBytes
    capacity = max(chunkBytes, 1)
    buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: capacity, alignment: 16)
  }

  deinit { buffer.deallocate() }

  /// The next chunk of whole lines (the file's last line may lack its newline), or `nil` at
  /// the end. The bytes are mutable (a header line is commented out in place) and valid until
  /// the next call.
  /// - Parameter firstLine: the 1-based line the chunk starts on, for the error.
  /// - Throws: ``InputError`` for a read failure or a line longer than the limit.
  mutating func next(firstLine: Int) throws -> UnsafeMutableBufferPointer<UInt8>? {
    if carriedCount > 0 && carriedStart > 0 {
      buffer.baseAddress!.copyMemory(from: buffer.baseAddress! + carriedStart, byteCount: carriedCount)
    }
    var filled = carriedCount
    carriedStart = 0
    carriedCount = 0
    while true {
      let searchFrom = filled
      if !atEnd {
        let got = try file.read(into: buffer.baseAddress! + filled, count: capacity - filled)
        bytesRead += got
        filled += got
        atEnd = filled < capacity
      }
      if atEnd { return filled > 0 ? bytes(filled) : nil }
      // The bytes before `searchFrom` hold no newline.
      var k = filled - 1
      while k >= searchFrom && buffer[k] != Byte.newline { k -= 1 }
      if k >= searchFrom {
        carriedStart = k + 1
        carriedCount = filled - carriedStart
        return bytes(carriedStart)
      }
      // One line fills the buffer: refuse it past the limit, else grow and read on.
      guard filled <= maximumLineBytes else {
        throw EdgeListChunks.lineTooLong(file.path, line: firstLine, limit: maximumLineBytes)
      }
      let bigger = UnsafeMutableRawBufferPointer.allocate(byteCount: capacity * 2, alignment: 16)
      bigger.copyMemory(from: UnsafeRawBufferPointer(rebasing: buffer[0..<filled]))
      buffer.deallocate()
      buffer = bigger
      capacity *= 2
    }
  }

  private func bytes(_ count: Int) -> UnsafeMutableBufferPointer<UInt8> {
    UnsafeMutableBufferPointer(start: buffer.baseAddress!.assumingMemoryBound(to: UInt8.self), count: count)
  }

  /// The error for a line longer than `limit` bytes.
  static func lineTooLong(_ path: String, line: Int, limit: Int) -> InputError {
    InputError(file: path, line: line, lineTooLongMessage(limit))
  }

  static func lineTooLongMessage(_ limit: Int) -> String {
    let size = limit >= 1 << 20 && limit % (1 << 20) == 0 ? "\(limit >> 20) MiB" : "\(limit) bytes"
    return "the line is longer than \(size): not an edge list, or its line ends are missing"
  }
}
