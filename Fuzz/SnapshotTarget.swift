@testable import GraphCore

/// `snapshot`: binary snapshots (`.bin`). Each input is loaded twice:
/// 1. as given: almost every input fails the magic, a size or a checksum, and that must be an
///    ``InputError`` (never a trap, never an allocation the file's size does not back);
/// 2. "repaired" (inputs of 128 bytes or more): the header's sizes reduced to small values,
///    the payload cut or padded to the size they describe and both checksums recomputed, so
///    the fuzzer explores the structural checks behind them (offsets, targets, row order,
///    symmetry, self-loops, labels).
/// A snapshot that loads must pass `checkInvariants()` and write back to an equal snapshot.
enum SnapshotTarget {
  static func run(_ data: UnsafeRawBufferPointer) {
    let path = Scratch.write(data, to: "input.bin")
    load(path)
    guard data.count >= GraphSnapshot.headerBytes else { return }
    let repaired = repair(Array(data))
    load(Scratch.write(repaired, to: "repaired.bin"))
  }

  static func load(_ path: String) {
    do {
      let graph = try GraphSnapshot.read(path: path, threads: 1)
      EdgeListTarget.checkGraph(graph, what: "snapshot")
    } catch {
      requireInputError(error, path: path)
    }
  }

  static func get(_ bytes: [UInt8], _ offset: Int) -> UInt64 {
    (0..<8).reduce(0) { $0 | UInt64(bytes[offset + $1]) << (8 * UInt64($1)) }
  }

  /// The input with small sizes, a payload of the size they describe and valid checksums.
  static func repair(_ input: [UInt8]) -> [UInt8] {
    let flags = GraphSnapshot.Flags(rawValue: UInt32(truncatingIfNeeded: get(input, 8) >> 32) & 7)
    let n = Int(get(input, 16) % 48)
    let entries = Int(get(input, 24) % 160)
    let kind = GraphSnapshot.LabelKindCode(rawValue: UInt32(get(input, 32) % 3))!
    let text = Int(get(input, 40) % 200)
    let loops = Int(get(input, 56) % UInt64(entries + 1))
    var header = GraphSnapshot.Header(
      flags: flags, nodeCount: n, entryCount: entries, labelKind: kind, labelTextBytes: text, selfLoopCount: loops,
      payloadChecksum: 0)
    var payload = Array(input[GraphSnapshot.headerBytes...])
    let size = header.fileBytes - GraphSnapshot.headerBytes
    if payload.count < size { payload += [UInt8](repeating: 0, count: size - payload.count) }
    payload.removeLast(payload.count - size)
    var sums: [UInt64] = []
    var position = 0
    for length in header.sectionLengths {
      sums.append(
        payload.withUnsafeBytes {
          Checksum.of(UnsafeRawBufferPointer(rebasing: $0[position..<(position + length)]), threads: 1)
        })
      position += GraphSnapshot.padded(length)
    }
    header.payloadChecksum = Checksum.combine(sums)
    return header.encoded() + payload
  }
}
