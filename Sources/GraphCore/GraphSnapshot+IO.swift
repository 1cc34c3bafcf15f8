extension GraphSnapshot {
  /// Writes `graph` as a snapshot, atomically (a temporary file renamed into place).
  /// - Throws: ``InputError`` for I/O failures; `path` is untouched on failure.
  /// - Complexity: O(n + m) bytes written; checksums use `threads` threads.
  public static func write(_ graph: LabeledGraph, to path: String, threads: Int = Parallel.availableCores) throws {
    let g = graph.graph
    var flags: Flags = []
    if g.isDirected { flags.insert(.directed) }
    if g.weights != nil { flags.insert(.weighted) }
    if g.edgeTypes != nil { flags.insert(.typed) }
    var kind = LabelKindCode.identity
    var integerLabels: [Int64] = []
    var textOffsets: [UInt64] = []
    var text: [UInt8] = []
    switch graph.labels.storage {
    case .identity: break
    case .integers(let labels):
      kind = .integers
      integerLabels = labels
    case .strings(let labels):
      kind = .strings
      textOffsets.reserveCapacity(labels.count + 1)
      textOffsets.append(0)
      for label in labels {
        text.append(contentsOf: label.utf8)
        textOffsets.append(UInt64(text.count))
      }
    }
    var sums = [Checksum.of(g.offsets, threads: threads), Checksum.of(g.targets, threads: threads)]
    if let w = g.weights { sums.append(Checksum.of(w, threads: threads)) }
    if let t = g.edgeTypes { sums.append(Checksum.of(t, threads: threads)) }
    switch kind {
    case .identity: break
    case .integers: sums.append(Checksum.of(integerLabels, threads: threads))
    case .strings:
      sums.append(Checksum.of(textOffsets, threads: threads))
      sums.append(Checksum.of(text, threads: threads))
    }
    let header = Header(
      flags: flags, nodeCount: g.nodeCount, entryCount: g.entryCount, labelKind: kind,
      labelTextBytes: text.count, selfLoopCount: g.selfLoopCount, payloadChecksum: Checksum.combine(sums))
    try AtomicFile.write(to: path) { writer in
      try writer.write(header.encoded())
      func section<T>(_ array: [T]) throws {
        try writer.writeRaw(array)
        let length = array.count * MemoryLayout<T>.stride
        let pad = padded(length) - length
        if pad > 0 { try writer.write([UInt8](repeating: 0, count: pad)) }
      }
      try section(g.offsets)
      try section(g.targets)
      if let w = g.weights { try section(w) }
      if let t = g.edgeTypes { try section(t) }
      switch kind {
      case .identity: break
      case .integers: try section(integerLabels)
      case .strings:
        try section(textOffsets)
        try section(text)
      }
    }
  }

  /// Loads a snapshot written by ``write(_:to:threads:)``.
  /// - Throws: ``InputError`` naming the file and the damaged field for a file that is not
  ///   a snapshot, has another version, is truncated, fails a checksum or breaks a CSR invariant.
  /// - Complexity: O(n + m), reading and checking on `threads` threads.
  public static func read(path: String, threads: Int = Parallel.availableCores) throws -> LabeledGraph {
    let file = try InputFile(path: path)
    guard file.size >= headerBytes else {
      throw InputError(
        file: path, field: "header",
        file.size == 0 ? "file is empty, expected a snapshot" : "file is truncated: \(file.size) bytes, a snapshot header has \(headerBytes)")
    }
    var headerData = [UInt8](repeating: 0, count: headerBytes)
    try headerData.withUnsafeMutableBytes { try file.read(into: $0.baseAddress!, count: headerBytes, at: 0) }
    let header = try Header.decode(headerData, path: path)
    do { try CSRGraph.checkNodeCount(header.nodeCount) } catch {
      throw InputError(file: path, field: "header.nodes", error.description)
    }
    let expected = header.fileBytes
    guard file.size == expected else {
      throw InputError(
        file: path, field: "size",
        file.size < expected
          ? "file is truncated: the header describes \(expected) bytes, the file has \(file.size)"
          : "file has \(file.size - expected) unexpected bytes after the \(expected) the header describes")
    }
    // Loading holds the file in memory: refuse what cannot fit (a 10 GB sparse file with a
    // well-formed header) before allocating, rather than be killed for it.
    guard expected <= memoryLimit else {
      throw InputError(
        file: path, field: "size",
        "the snapshot needs \(expected >> 20) MiB of memory to load; this machine has \(memoryLimit >> 20) MiB")
    }
    var position = headerBytes
    var sums: [UInt64] = []
    func section<T>(_ type: T.Type, _ count: Int) throws -> [T] {
      let length = count * MemoryLayout<T>.stride
      let start = position
      let array = try [T](unsafeUninitializedCapacity: count) { buffer, initialized in
        LargeArrays.adviseHugePages(UnsafeMutableRawBufferPointer(buffer))
        try readParallel(file, into: UnsafeMutableRawPointer(buffer.baseAddress), length: length, at: start, threads: threads)
        initialized = count
      }
      position += padded(length)
      sums.append(Checksum.of(array, threads: threads))
      return array
    }
    let n = header.nodeCount
    let m = header.entryCount
    let offsets = try section(Int.self, n + 1)
    // With valid offsets the targets are read, hashed and checked in one pass; with broken
    // ones they are only read, for the checksum to say whether the file is damaged.
    let offsetsProblem = offsetsProblem(offsets, entryCount: m)
    let targets: [UInt32]
    var scan: TargetsScan?
    if offsetsProblem == nil {
      let plain = !header.flags.contains(.directed) && !header.flags.contains(.weighted) && !header.flags.contains(.typed)
      let read = try readTargets(
        file, at: position, count: m, offsets: offsets, fingerprintKey: plain ? UInt64.random(in: 0...UInt64.max) : nil,
        threads: threads)
      targets = read.0
      scan = read.1
      sums.append(read.1.checksum)
      position += padded(m * MemoryLayout<UInt32>.stride)
    } else {
      targets = try section(UInt32.self, m)
    }
    let weights = header.flags.contains(.weighted) ? try section(Double.self, m) : nil
    let types = header.flags.contains(.typed) ? try section(UInt8.self, m) : nil
    var integerLabels: [Int64] = []
    var textOffsets: [UInt64] = []
    var text: [UInt8] = []
    switch header.labelKind {
    case .identity: break
    case .integers: integerLabels = try section(Int64.self, n)
    case .strings:
      textOffsets = try section(UInt64.self, n + 1)
      text = try section(UInt8.self, header.labelTextBytes)
    }
    guard Checksum.combine(sums) == header.payloadChecksum else {
      throw InputError(file: path, field: "payload.checksum", "the data is corrupted (checksum mismatch)")
    }
    // Weights are finite, as the edge-list reader makes them (fuzz `snapshot`: NaN weights
    // loaded, and a graph with them equals nothing, itself included).
    if let weights, let bad = weights.firstIndex(where: { !$0.isFinite }) {
      throw InputError(file: path, field: "payload.weights", "weight \(bad) is \(weights[bad]): weights must be finite numbers")
    }
    guard let scan else { throw InputError(file: path, field: "payload.csr", offsetsProblem ?? "offsets are invalid") }
    if let problem = scan.problem(nodeCount: n, entryCount: m) {
      throw InputError(file: path, field: "payload.csr", problem)
    }
    guard scan.selfLoops == header.selfLoopCount else {
      throw InputError(
        file: path, field: "header.self_loops",
        "the header says \(header.selfLoopCount) self-loops, the data has \(scan.selfLoops)")
    }
    let graph = CSRGraph(
      uncheckedOffsets: offsets, targets: targets, weights: weights, edgeTypes: types,
      isDirected: header.flags.contains(.directed), selfLoopCount: header.selfLoopCount)
    // Symmetry of undirected graphs: a keyed fingerprint (random key; taken while reading
    // the targets when there are no weights or types, else one streaming pass), then, only
    // when it is not 0, the exact check to name the edge (README "Robustness": the exact
    // check alone costs 30 times the load on K20). The structure was checked above.
    if !graph.isDirected,
      (scan.fingerprint ?? graph.asymmetryFingerprint(threads: threads, key: UInt64.random(in: 0...UInt64.max))) != 0,
      let problem = graph.symmetryProblem(threads: threads)
    {
      throw InputError(file: path, field: "payload.csr", problem)
    }
    graph.assertInvariants("GraphSnapshot.read")
    let labels: NodeLabelMap
    switch header.labelKind {
    case .identity: labels = NodeLabelMap(identity: n)
    case .integers:
      guard let map = NodeLabelMap.validated(integers: integerLabels) else {
        throw InputError(file: path, field: "payload.labels", "two nodes have the same label")
      }
      labels = map
    case .strings:
      var names: [String] = []
      names.reserveCapacity(n)
      for k in 0..<n {
        let lo = textOffsets[k]
        let hi = textOffsets[k + 1]
        guard lo <= hi, hi <= UInt64(text.count) else {
          throw InputError(file: path, field: "payload.labels", "label offsets out of range at node \(k)")
        }
        names.append(String(decoding: text[Int(lo)..<Int(hi)], as: UTF8.self))
      }
      guard let map = NodeLabelMap.validated(strings: names) else {
        throw InputError(file: path, field: "payload.labels", "two nodes have the same label")
      }
      labels = map
    }
    return LabeledGraph(graph: graph, labels: labels)
  }

  /// Reads `length` bytes at `offset` with one `pread` stream per thread.
  private static func readParallel(
    _ file: InputFile, into destination: UnsafeMutableRawPointer?, length: Int, at offset: Int, threads: Int
  ) throws {
    guard length > 0, let destination else { return }
    let parts = max(1, min(threads, length / (8 << 20)))
    let failures = PartResults<InputError>(count: parts)
    let shared = UncheckedSendable((file, destination))
    Parallel.forEach(parts: parts, threads: threads) { part in
      let (file, destination) = shared.value
      let range = Parallel.range(part, of: parts, count: length)
      do {
        try file.read(into: destination + range.lowerBound, count: range.count, at: offset + range.lowerBound)
      } catch {
        failures.set(part, error as? InputError ?? InputError(file: file.path, "\(error)"))
      }
    }
    if let failure = failures.values.first { throw failure }
  }
}
