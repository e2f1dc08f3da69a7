package io.pgparity.compare;

import java.util.Map;

/** One row as fetched for the diff: column to text value (null for SQL NULL), and per-column identity hashes. */
record FetchedRow(Map<String, String> values, Map<String, Long> columnHashes) {}
