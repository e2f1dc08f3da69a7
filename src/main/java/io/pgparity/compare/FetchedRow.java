package io.pgparity.compare;

import java.util.Map;

/**
 * One row as fetched for the diff: column to text value (null for SQL NULL), per-column identity
 * hashes, and whether the table's settle column says it was written within the settle window.
 */
record FetchedRow(Map<String, String> values, Map<String, Long> columnHashes, boolean settling) {

  /** True when both rows hold identical values; absent rows (null) are the same as each other. */
  static boolean same(FetchedRow a, FetchedRow b) {
    return a == null ? b == null : b != null && a.columnHashes.equals(b.columnHashes);
  }
}
