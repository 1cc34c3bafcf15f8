#if canImport(Glibc)
  import Glibc
#endif

/// Allocation of large arrays backed by transparent huge pages where the system allows it.
///
/// Graph arrays are large and read at random; with 4 KiB pages, first-touch page faults and
/// TLB misses cost more than the work itself (reading a 126 MB snapshot section into fresh
/// memory took 0.12 s with 4 KiB pages and 0.04 s with 2 MiB pages on the reference
/// machine). Linux's `madvise(MADV_HUGEPAGE)` on the 2 MiB-aligned interior of the buffer,
/// before it is first written, asks for huge pages; elsewhere this is a no-op.
public enum LargeArrays {
  /// Buffers smaller than this keep ordinary pages.
  public static let threshold = 8 << 20

  /// Advises the kernel to back `buffer` with huge pages.
  public static func adviseHugePages(_ buffer: UnsafeMutableRawBufferPointer) {
    #if os(Linux)
      guard buffer.count >= threshold, let base = buffer.baseAddress else { return }
      let huge = UInt(2 << 20)
      let start = (UInt(bitPattern: base) + huge - 1) & ~(huge - 1)
      let end = (UInt(bitPattern: base) + UInt(buffer.count)) & ~(huge - 1)
      if end > start { _ = madvise(UnsafeMutableRawPointer(bitPattern: start), Int(end - start), MADV_HUGEPAGE) }
    #endif
  }

  /// An array of `count` copies of `value`, on huge pages when large.
  /// - Complexity: O(count).
  @inlinable
  public static func make<T: BitwiseCopyable>(repeating value: T, count: Int) -> [T] {
    [T](unsafeUninitializedCapacity: count) { buffer, initialized in
      adviseHugePages(UnsafeMutableRawBufferPointer(buffer))
      buffer.initialize(repeating: value)
      initialized = count
    }
  }

  /// An array of `count` elements that the caller fills completely before reading, on huge
  /// pages when large. Skips the zero-fill.
  @inlinable
  public static func uninitialized<T: BitwiseCopyable>(count: Int) -> [T] {
    [T](unsafeUninitializedCapacity: count) { buffer, initialized in
      adviseHugePages(UnsafeMutableRawBufferPointer(buffer))
      initialized = count
    }
  }
}
