import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

@testable import GraphCore

@Suite struct AtomicFileTests {
  struct Boom: Error, Equatable {}

  @Test func writesTheBytes() throws {
    try withTemporaryDirectory { dir throws in
      let path = dir.path("out.dat")
      try AtomicFile.write(to: path) { writer in
        try writer.write(Array("hello ".utf8))
        try writer.writeRaw([UInt32(0x6F77_6C64)])
      }
      #expect(try dir.text("out.dat") == "hello dlwo")
      #expect(try dir.listing() == ["out.dat"])
      // A new file: 0666 under the umask, as open(2) and shell redirection give.
      #expect(Self.mode(path) == 0o666 & ~Self.currentUmask())
    }
  }

  /// The permission bits of `path`.
  static func mode(_ path: String) -> Int {
    var info = stat()
    return stat(path, &info) == 0 ? Int(info.st_mode & 0o7777) : -1
  }

  /// The process's umask, read without changing it (Linux reports it in /proc/self/status).
  static func currentUmask() -> Int {
    if let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
      let line = status.split(separator: "\n").first(where: { $0.hasPrefix("Umask:") }),
      let value = Int(line.dropFirst("Umask:".count).trimmingCharacters(in: .whitespaces), radix: 8)
    {
      return value
    }
    return 0o022
  }

  @Test func newFilesFollowTheUmask() async {
    // umask is process-wide: change it in a child process only.
    await #expect(processExitsWith: .success) {
      let directory = FileManager.default.temporaryDirectory.appendingPathComponent("atomic-umask-\(getpid())").path
      try? FileManager.default.removeItem(atPath: directory)
      guard (try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: false)) != nil else { exit(2) }
      // exit() skips `defer`: remove the folder on every path.
      func finish(_ code: Int32) -> Never {
        try? FileManager.default.removeItem(atPath: directory)
        exit(code)
      }
      for (mask, expected) in [(0o022, 0o644), (0o027, 0o640), (0o077, 0o600), (0o000, 0o666), (0o002, 0o664)] {
        umask(mode_t(mask))
        let path = directory + "/file-\(mask)"
        guard (try? AtomicFile.write(to: path, { writer in try writer.write([1, 2, 3]) })) != nil else { finish(3) }
        guard AtomicFileTests.mode(path) == expected else { finish(4) }
      }
      finish(0)
    }
  }

  @Test func replacingAFileKeepsItsMode() throws {
    try withTemporaryDirectory { dir throws in
      for mode in [0o600, 0o640, 0o755, 0o444] {
        let path = try dir.write("kept-\(mode)", "old")
        #expect(chmod(path, mode_t(mode)) == 0)
        try AtomicFile.write(to: path) { writer in try writer.write(Array("new".utf8)) }
        #expect(try dir.text("kept-\(mode)") == "new")
        #expect(Self.mode(path) == mode, "mode \(String(mode, radix: 8))")
      }
    }
  }

  @Test func temporaryFileIsNamedAfterTheTargetAndTheProcess() throws {
    try withTemporaryDirectory { dir throws in
      var seen: [String] = []
      try AtomicFile.write(to: dir.path("out.dat")) { writer in
        seen = try dir.listing()
        try writer.write([1])
      }
      #expect(seen.count == 1)
      let name = try #require(seen.first)
      #expect(name.hasPrefix(".out.dat.tmp-\(getpid())-"), "\(name)")
      #expect(try dir.listing() == ["out.dat"])
    }
  }

  @Test func staleTemporariesOfDeadProcessesAreRemoved() throws {
    // A process that has exited: its pid names no running process.
    let child = Process()
    child.executableURL = URL(fileURLWithPath: "/bin/sh")
    child.arguments = ["-c", "exit 0"]
    try child.run()
    child.waitUntilExit()
    let dead = child.processIdentifier
    try withTemporaryDirectory { dir throws in
      let stale = ".out.dat.tmp-\(dead)-1a2b3c"
      let live = ".out.dat.tmp-\(getpid())-4d5e6f"
      let otherTarget = ".other.dat.tmp-\(dead)-777777"
      let unrelated = ".out.dat.tmp-notapid"
      for name in [stale, live, otherTarget, unrelated] { try dir.write(name, "partial") }
      try AtomicFile.write(to: dir.path("out.dat")) { writer in try writer.write([1]) }
      #expect(try dir.listing() == [live, otherTarget, unrelated, "out.dat"].sorted())
    }
  }

  @Test func largeWritesAreComplete() throws {
    // More than the 1 MiB buffer, in small and in buffer-sized pieces.
    let piece = ChecksumTests.randomBytes(3 << 20, seed: 4)
    try withTemporaryDirectory { dir throws in
      try AtomicFile.write(to: dir.path("big.dat")) { writer in
        try writer.write(Array(piece[0..<100]))
        try writer.write(Array(piece[100..<(2 << 20)]))
        try writer.write(Array(piece[(2 << 20)..<((2 << 20) + 5)]))
        try writer.write(Array(piece[((2 << 20) + 5)...]))
      }
      #expect(try dir.bytes("big.dat") == piece)
    }
  }

  @Test func throwingBodyLeavesNoFile() throws {
    try withTemporaryDirectory { dir throws in
      let path = dir.path("out.dat")
      #expect(throws: Boom.self) {
        try AtomicFile.write(to: path) { writer in
          try writer.write(Array("partial".utf8))
          try writer.write([UInt8](repeating: 1, count: 3 << 20))  // forces a flush to disk
          throw Boom()
        }
      }
      #expect(try dir.listing().isEmpty)
    }
  }

  @Test func throwingBodyLeavesAnExistingFileUnchanged() throws {
    try withTemporaryDirectory { dir throws in
      let path = try dir.write("out.dat", "original\n")
      #expect(throws: Boom.self) {
        try AtomicFile.write(to: path) { writer in
          try writer.write([UInt8](repeating: 0x41, count: 2 << 20))
          throw Boom()
        }
      }
      #expect(try dir.text("out.dat") == "original\n")
      #expect(try dir.listing() == ["out.dat"])
    }
  }

  @Test func successfulWriteReplacesAnExistingFile() throws {
    try withTemporaryDirectory { dir throws in
      let path = try dir.write("out.dat", String(repeating: "old", count: 1000))
      try AtomicFile.write(to: path) { writer in try writer.write(Array("new".utf8)) }
      #expect(try dir.text("out.dat") == "new")
      #expect(try dir.listing() == ["out.dat"])
    }
  }

  @Test func missingDirectoryIsAnInputError() throws {
    try withTemporaryDirectory { dir throws in
      let path = dir.path("missing/out.dat")
      let error = #expect(throws: InputError.self) {
        try AtomicFile.write(to: path) { writer in try writer.write([1]) }
      }
      #expect(error?.file == path)
      #expect(error?.message.contains("temporary file") == true)
      #expect(try dir.listing().isEmpty)
    }
  }

  @Test func renameOntoADirectoryFailsAndCleansUp() throws {
    try withTemporaryDirectory { dir throws in
      let target = dir.path("taken")
      try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: false)
      try FileManager.default.createDirectory(atPath: target + "/inner", withIntermediateDirectories: false)
      let error = #expect(throws: InputError.self) {
        try AtomicFile.write(to: target) { writer in try writer.write([1, 2, 3]) }
      }
      #expect(error?.message.contains("cannot move") == true)
      #expect(try dir.listing() == ["taken"])
    }
  }
}
