/// Binary searches over CSR row offsets, shared by the loaders, the builder and the
/// invariant checks that split a graph's entries into parts.
package enum RowSearch {
  /// The row holding entry `k` (`0 ≤ k < offsets.last`): the last `u` with
  /// `offsets[u] ≤ k`, skipping empty rows. `offsets` must be non-decreasing with
  /// `offsets.count ≥ 2`.
  /// - Complexity: O(log n).
  package static func row(holding k: Int, offsets off: UnsafeBufferPointer<Int>) -> Int {
    var lo = 0
    var hi = off.count - 1
    while lo < hi {
      let mid = (lo + hi) >> 1
      if off[mid + 1] <= k { lo = mid + 1 } else { hi = mid }
    }
    return lo
  }

  /// Row bounds `b[0] = 0 ≤ b[1] ≤ … ≤ b[parts] = n` that split the entries into `parts`
  /// runs of about equal count: `b[p]` is the first row starting at or after entry
  /// `m·p/parts`, where `n = offsets.count − 1` and `m = offsets[n]`. `offsets` must be
  /// non-decreasing.
  /// - Complexity: O(parts · log n).
  package static func balancedBounds(offsets off: UnsafeBufferPointer<Int>, parts: Int) -> [Int] {
    let n = off.count - 1
    let entries = off[n]
    var bounds = [Int](repeating: n, count: parts + 1)
    bounds[0] = 0
    for part in 1..<max(1, parts) {
      let goal = entries * part / parts
      var lo = bounds[part - 1]
      var hi = n
      while lo < hi {
        let mid = (lo + hi) / 2
        if off[mid] < goal { lo = mid + 1 } else { hi = mid }
      }
      bounds[part] = lo
    }
    return bounds
  }
}
