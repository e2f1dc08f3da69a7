/**
 * Canonical per-row hashing inside PostgreSQL and the per-range hash queries built on it. The row
 * hash ({@link io.pgparity.hashing.RowHashSql}) is a full 64-bit, non-linear hash of per-column
 * encodings ({@link io.pgparity.hashing.ColumnEncoding}) that are injective on stored values.
 */
package io.pgparity.hashing;
