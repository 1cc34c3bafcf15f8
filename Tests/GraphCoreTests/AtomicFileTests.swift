import Foundation
import Testing

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
      let attributes = try FileManager.default.attributesOfItem(atPath: path)
      #expect((attributes[.posixPermissions] as? Int) == 0o644)
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
