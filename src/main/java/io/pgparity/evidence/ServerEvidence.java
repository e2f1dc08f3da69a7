package io.pgparity.evidence;

import io.pgparity.live.Lsn;

/**
 * What the manifest records of one server: which cluster it is, its version, and its WAL position
 * when the run started and when it ended ({@code walAtEnd} is null when it could not be read, e.g.
 * after the run failed; {@code walAtStart} is null only on a standby that has replayed nothing).
 */
public record ServerEvidence(String systemIdentifier, String serverVersion, Lsn walAtStart, Lsn walAtEnd) {

  public ServerEvidence {
    CanonicalJson.checkPrintable(systemIdentifier, "systemIdentifier");
    CanonicalJson.checkPrintable(serverVersion, "serverVersion");
  }
}
