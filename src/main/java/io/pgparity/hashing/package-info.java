/** Canonical per-row hashing inside PostgreSQL and the per-range hash queries built on it. */
package io.pgparity.hashing;
