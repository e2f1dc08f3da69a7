package io.pgparity.job;

import io.pgparity.connect.Both;
import io.pgparity.connect.ServerInfo;
import io.pgparity.connect.ServerPair;
import io.pgparity.evidence.EvidenceKey;
import io.pgparity.evidence.Manifest;
import io.pgparity.evidence.ManifestWriter;
import io.pgparity.evidence.RunFacts;
import io.pgparity.evidence.ServerEvidence;
import io.pgparity.evidence.WalPositionReader;
import io.pgparity.live.Lsn;
import io.pgparity.report.RunResult;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The verify job's part of the evidence: both servers' WAL positions when the run starts and ends,
 * and manifest.json written from the run state once every other file of the run folder is.
 */
final class RunEvidence {

  private static final Logger log = LoggerFactory.getLogger(RunEvidence.class);

  private RunEvidence() {}

  /** Both servers' WAL positions now, read at the same time. */
  static Both<Lsn> walPositions(ServerPair pair) {
    return pair.onBoth("WAL position", (c, s) -> WalPositionReader.read(c));
  }

  /**
   * Writes the run folder's manifest.json; call it after every other file. With {@code
   * readWalAtEnd} both servers' WAL positions are read first; a failure to read them leaves them
   * out (null) rather than spoiling the run's result, as does a failed run, whose connections may
   * be gone.
   */
  static Manifest writeManifest(InMemoryRunState state, RunResult result, boolean readWalAtEnd) {
    Both<Lsn> atEnd = new Both<>(null, null);
    if (readWalAtEnd) {
      try {
        atEnd = walPositions(state.pair());
      } catch (RuntimeException e) {
        log.warn(
            "Could not read the WAL positions at the end of the run for manifest.json: {}",
            e.getMessage());
      }
    }
    InMemoryRunState.Servers servers = state.servers();
    Both<Lsn> atStart = servers == null ? new Both<>(null, null) : servers.walAtStart();
    RunFacts facts =
        new RunFacts(
            result.run().version(),
            result.run().job(),
            result.run().runId(),
            result.startedAt(),
            result.finishedAt(),
            server(servers == null ? null : servers.primary(), atStart.primary(), atEnd.primary()),
            server(servers == null ? null : servers.replica(), atStart.replica(), atEnd.replica()));
    Optional<EvidenceKey> key = EvidenceKey.fromEnvironment(System.getenv());
    Manifest manifest = ManifestWriter.write(state.folder().path(), facts, key);
    log.info(
        "Wrote manifest.json: {} files, {}",
        manifest.files().size(),
        manifest.signature() == null
            ? "unsigned (set " + EvidenceKey.ENV_VAR + " to sign)"
            : "signed (HMAC-SHA256)");
    return manifest;
  }

  private static ServerEvidence server(ServerInfo info, Lsn atStart, Lsn atEnd) {
    return info == null
        ? new ServerEvidence("unknown", "unknown", atStart, atEnd)
        : new ServerEvidence(info.systemIdentifier(), info.serverVersion(), atStart, atEnd);
  }
}
