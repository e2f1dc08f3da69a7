/**
 * Evidence that a run folder is what pgparity wrote: manifest.json (every file's SHA-256, the job
 * definition's hash, both servers' identity and WAL positions, an optional HMAC-SHA256 signature)
 * and {@code pgparity evidence check}, which verifies it.
 */
package io.pgparity.evidence;
