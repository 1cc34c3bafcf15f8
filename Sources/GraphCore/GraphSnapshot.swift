import Foundation

/// A versioned, checksummed binary file holding a ``LabeledGraph``: the CSR arrays and
/// the labels as raw little-endian arrays, loaded without parsing.
///
/// Layout (version 2): a 128-byte header, then sections each padded to 8 bytes:
/// offsets (`Int64` × (n+1)), targets (`UInt32` × entries), weights (`Float64` × entries,
/// if flagged), edge types (`UInt8` × entries, if flagged), labels (integers: `Int64` × n;
/// strings: `UInt64` × (n+1) byte offsets, then the UTF-8 bytes). The header holds the
/// sizes, the self-loop count, a checksum of every section (see ``Checksum``) and a checksum of itself.
///
/// Loading checks the magic, the version, the header checksum, the file size against the
/// header, the section checksums, the CSR invariants that memory safety depends on
/// (offsets non-decreasing and in range, targets below n, rows sorted), the node-count limit
/// and, for undirected graphs, symmetry (``CSRGraph/asymmetryFingerprint(threads:key:)``,
/// then the exact check to name the edge), so a truncated, corrupted or crafted file is
/// reported, never trusted. The targets, the largest section, are checked as they are read:
/// one pass hashes each 256 KiB piece and checks its targets, row order, self-loops and (for
/// plain undirected graphs) symmetry fingerprint while the piece is in cache
/// (`readTargets`).
public enum GraphSnapshot {
  /// The file extension of snapshots.
  public static let fileExtension = "bin"
  /// The current format version.
  public static let version: UInt32 = 2
  static let magic: [UInt8] = Array("AGCSRBIN".utf8)
  static let headerBytes = 128
  /// The most bytes a snapshot may need to load: the physical memory, unless a test lowers it
  /// for the current task. The header's sizes are checked against the file's size first, so
  /// a header claiming 2⁴⁰ entries is refused without reading further.
  @TaskLocal static var memoryLimit = Int(clamping: ProcessInfo.processInfo.physicalMemory)

  struct Flags: OptionSet {
    let rawValue: UInt32
    static let directed = Flags(rawValue: 1)
    static let weighted = Flags(rawValue: 2)
    static let typed = Flags(rawValue: 4)
  }

  enum LabelKindCode: UInt32 {
    case identity = 0
    case integers = 1
    case strings = 2
  }

  /// The fields of a snapshot header.
  struct Header {
    var flags: Flags
    var nodeCount: Int
    var entryCount: Int
    var labelKind: LabelKindCode
    var labelTextBytes: Int
    var selfLoopCount: Int
    var payloadChecksum: UInt64

    /// The byte length of each section, in file order (before padding).
    var sectionLengths: [Int] {
      var lengths = [(nodeCount + 1) * 8, entryCount * 4]
      if flags.contains(.weighted) { lengths.append(entryCount * 8) }
      if flags.contains(.typed) { lengths.append(entryCount) }
      switch labelKind {
      case .identity: break
      case .integers: lengths.append(nodeCount * 8)
      case .strings:
        lengths.append((nodeCount + 1) * 8)
        lengths.append(labelTextBytes)
      }
      return lengths
    }

    var fileBytes: Int { GraphSnapshot.headerBytes + sectionLengths.reduce(0) { $0 + padded($1) } }

    func encoded() -> [UInt8] {
      var bytes = [UInt8](repeating: 0, count: GraphSnapshot.headerBytes)
      bytes.replaceSubrange(0..<8, with: GraphSnapshot.magic)
      put(&bytes, 8, UInt64(GraphSnapshot.version) | UInt64(flags.rawValue) << 32)
      put(&bytes, 16, UInt64(nodeCount))
      put(&bytes, 24, UInt64(entryCount))
      put(&bytes, 32, UInt64(labelKind.rawValue))
      put(&bytes, 40, UInt64(labelTextBytes))
      put(&bytes, 48, payloadChecksum)
      put(&bytes, 56, UInt64(selfLoopCount))
      let own = bytes.withUnsafeBytes { Checksum.of(UnsafeRawBufferPointer(rebasing: $0[0..<120]), threads: 1) }
      put(&bytes, 120, own)
      return bytes
    }

    static func decode(_ bytes: [UInt8], path: String) throws -> Header {
      guard bytes.count == GraphSnapshot.headerBytes else {
        throw InputError(file: path, field: "header", "file is truncated: \(bytes.count) bytes, a snapshot header has \(GraphSnapshot.headerBytes)")
      }
      guard Array(bytes[0..<8]) == GraphSnapshot.magic else {
        throw InputError(file: path, field: "header.magic", "not an AllianceGraph snapshot (expected the bytes \"AGCSRBIN\" at the start)")
      }
      let versionAndFlags = get(bytes, 8)
      let version = UInt32(truncatingIfNeeded: versionAndFlags)
      guard version == GraphSnapshot.version else {
        throw InputError(file: path, field: "header.version", "version \(version) is not supported (this build reads version \(GraphSnapshot.version))")
      }
      let own = bytes.withUnsafeBytes { Checksum.of(UnsafeRawBufferPointer(rebasing: $0[0..<120]), threads: 1) }
      guard own == get(bytes, 120) else {
        throw InputError(file: path, field: "header.checksum", "the header is corrupted (checksum mismatch)")
      }
      let flags = Flags(rawValue: UInt32(truncatingIfNeeded: versionAndFlags >> 32))
      guard flags.isSubset(of: [.directed, .weighted, .typed]) else {
        throw InputError(file: path, field: "header.flags", "unknown flags \(flags.rawValue)")
      }
      guard let kind = LabelKindCode(rawValue: UInt32(truncatingIfNeeded: get(bytes, 32))) else {
        throw InputError(file: path, field: "header.labels", "unknown label kind \(get(bytes, 32))")
      }
      let n = get(bytes, 16)
      let entries = get(bytes, 24)
      let text = get(bytes, 40)
      let loops = get(bytes, 56)
      guard n < UInt64(UInt32.max), entries < (1 << 40), text < (1 << 40) else {
        throw InputError(file: path, field: "header.sizes", "sizes out of range (nodes \(n), entries \(entries))")
      }
      guard loops <= entries, flags.contains(.directed) || (entries - loops) % 2 == 0 else {
        throw InputError(file: path, field: "header.self_loops", "self-loop count \(loops) does not fit \(entries) adjacency entries")
      }
      return Header(
        flags: flags, nodeCount: Int(n), entryCount: Int(entries), labelKind: kind,
        labelTextBytes: Int(text), selfLoopCount: Int(loops), payloadChecksum: get(bytes, 48))
    }
  }

  static func padded(_ length: Int) -> Int { (length + 7) & ~7 }
}

private func put(_ bytes: inout [UInt8], _ offset: Int, _ value: UInt64) {
  for k in 0..<8 { bytes[offset + k] = UInt8(truncatingIfNeeded: value >> (8 * UInt64(k))) }
}

private func get(_ bytes: [UInt8], _ offset: Int) -> UInt64 {
  var value: UInt64 = 0
  for k in 0..<8 { value |= UInt64(bytes[offset + k]) << (8 * UInt64(k)) }
  return value
}
