/** The benchmark command: verify against the one-query-per-side hashing floor. */
package io.pgparity.bench;
