#if canImport(Glibc)
  import Glibc
#endif

/// Keeps freed memory in the process between `bench` trials, as GAPBS's trials get it.
///
/// glibc hands blocks of 128 KB and more straight back to the kernel when they are freed
/// (`munmap`, or trimming the top of the heap), so every trial of a kernel that returns a
/// fresh n-entry array faulted in and zeroed that memory again: 2,100 page faults (8 MB)
/// per BFS on the 1024 × 1024 grid, a few milliseconds of a 30 ms search. GAPBS's trials,
/// under the same glibc defaults, took 7 faults each (its allocation pattern lets glibc's
/// adaptive threshold keep the blocks). Raising the mmap threshold to glibc's maximum
/// (32 MB) and the trim threshold to 1 GB makes ours reuse their freed blocks too; blocks
/// above 32 MB (K20's targets) are still mapped and unmapped.
enum TrialMemory {
  /// glibc's `mallopt` parameters (`<malloc.h>`, which the Glibc module does not export).
  static let trimThreshold: Int32 = -1
  static let mmapThreshold: Int32 = -3

  /// Sets the allocator's thresholds for the rest of the process; a no-op where the C
  /// library has no `mallopt`. Called after loading: with the thresholds raised first, the
  /// grid's 8 and 16 MB arrays came from the heap instead of fresh mappings and the binary
  /// load took 0.0256 s instead of 0.021 s.
  static func keepFreedBlocks() {
    #if canImport(Glibc)
      typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
      guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return }
      let mallopt = unsafeBitCast(symbol, to: Mallopt.self)
      _ = mallopt(mmapThreshold, 32 << 20)
      _ = mallopt(trimThreshold, 1 << 30)
    #endif
  }
}
