import Foundation
import GraphCore

/// Stops the run on a violated invariant: libFuzzer saves the input as a crash.
func violated(_ message: String, file: StaticString = #fileID, line: UInt = #line) -> Never {
  FileHandle.standardError.write(Data("fuzz invariant violated (\(file):\(line)): \(message)\n".utf8))
  abort()
}

/// Checks an invariant of a parse result.
func require(_ condition: Bool, _ message: @autoclosure () -> String, file: StaticString = #fileID, line: UInt = #line)
{
  if !condition { violated(message(), file: file, line: line) }
}

/// A reject must be an ``InputError`` naming the file it read (a prefix of `path`) with a
/// message; anything else (a Foundation error, a wrong path) is a finding.
func requireInputError(_ error: Error, path: String, file: StaticString = #fileID, line: UInt = #line) {
  guard let input = error as? InputError else {
    violated("not an InputError: \(type(of: error)): \(error)", file: file, line: line)
  }
  require(input.file.hasPrefix(path), "the error names \(input.file), not \(path): \(input)", file: file, line: line)
  require(!input.message.isEmpty, "an error without a message: \(input)", file: file, line: line)
  require(input.line.map { $0 >= 1 } ?? true, "line \(input.line!) in \(input)", file: file, line: line)
}

/// A temporary directory per process (in `FUZZ_SCRATCH`, else `/dev/shm`, else `TMPDIR`),
/// reused by every input and removed at exit.
enum Scratch {
  static let directory: String = {
    // Memory-backed where there is one: the snapshot writer fsyncs every file it writes.
    let environment = ProcessInfo.processInfo.environment
    let base =
      environment["FUZZ_SCRATCH"]
      ?? (access("/dev/shm", W_OK) == 0 ? "/dev/shm" : environment["TMPDIR"] ?? "/tmp")
    var template = Array("\(base)/alliance-fuzz-XXXXXX".utf8CString)
    guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
      violated("cannot create a temporary directory under \(base)")
    }
    let path = String(cString: made)
    atexit { try? FileManager.default.removeItem(atPath: Scratch.directory) }
    return path
  }()

  /// Writes `bytes` to `name` in the directory and returns its path.
  @discardableResult
  static func write(_ bytes: UnsafeRawBufferPointer, to name: String) -> String {
    let path = directory + "/" + name
    if let parent = name.contains("/") ? String(path[..<path.lastIndex(of: "/")!]) : nil {
      try? FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
    }
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    require(fd >= 0, "cannot write \(path)")
    var done = 0
    while done < bytes.count {
      let wrote = Foundation.write(fd, bytes.baseAddress! + done, bytes.count - done)
      require(wrote > 0, "cannot write \(path)")
      done += wrote
    }
    close(fd)
    return path
  }

  @discardableResult
  static func write(_ bytes: [UInt8], to name: String) -> String {
    bytes.withUnsafeBytes { write($0, to: name) }
  }

  /// The path of `name` in the directory (not created).
  static func path(_ name: String) -> String { directory + "/" + name }
}

/// Several files in one input: a line `=== NAME` starts the file NAME, which runs to the next
/// such line (its bytes kept exactly, invalid UTF-8 included). Names outside `allowed` are
/// dropped, so an input never writes outside the scratch directory.
enum FileBundle {
  static func split(_ data: UnsafeRawBufferPointer, allowed: Set<String>) -> [String: [UInt8]] {
    let bytes = Array(data)
    let marker = Array("=== ".utf8)
    var files: [String: [UInt8]] = [:]
    var name: String?
    var start = 0
    var lineStart = 0
    func close(at end: Int) {
      if let name, allowed.contains(name) { files[name] = Array(bytes[start..<end]) }
    }
    while lineStart <= bytes.count {
      var lineEnd = lineStart
      while lineEnd < bytes.count && bytes[lineEnd] != 0x0A { lineEnd += 1 }
      if bytes[lineStart..<lineEnd].starts(with: marker) {
        close(at: lineStart)
        name = String(decoding: bytes[(lineStart + marker.count)..<lineEnd], as: UTF8.self)
          .trimmingCharacters(in: .whitespaces)
        start = min(lineEnd + 1, bytes.count)
      }
      lineStart = lineEnd + 1
    }
    close(at: bytes.count)
    return files
  }
}

/// The repository root, from this file's path (the binary is built from the checkout).
let repositoryRoot: String = {
  var url = URL(fileURLWithPath: #filePath)
  url.deleteLastPathComponent()
  url.deleteLastPathComponent()
  return url.path
}()
