package io.pgparity.sequence;

import io.pgparity.config.JobDefinition;
import io.pgparity.config.LiveTuning;
import io.pgparity.config.TableSpec;
import io.pgparity.config.Tuning;
import io.pgparity.config.connection.ConnectionSpec;
import io.pgparity.connect.ServerPair;
import io.pgparity.live.CatchUp;
import io.pgparity.live.ReplicaWatch;
import io.pgparity.live.ReplicationProbe;
import io.pgparity.table.TableRef;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Test support: pgparity's own connection pools to two servers, and the run's catch-up. */
final class SequencePairs {

  private SequencePairs() {}

  static ServerPair open(String primaryUrl, String replicaUrl) {
    JobDefinition definition =
        new JobDefinition(
            "sequences",
            new ConnectionSpec(primaryUrl, null),
            new ConnectionSpec(replicaUrl, null),
            List.of(TableSpec.of(TableRef.parse("public.unused"))),
            new Tuning(2, 1000, 10, Duration.ofSeconds(60), Duration.ofSeconds(5)),
            Path.of("unused"),
            null);
    return ServerPair.open(definition);
  }

  /** The catch-up a lag-aware run uses, over the replication the probe finds for {@code tables}. */
  static CatchUp watch(ServerPair pair, List<TableRef> tables) {
    LiveTuning tuning =
        new LiveTuning(true, Duration.ofSeconds(120), 0, 3, Duration.ofSeconds(1), 0, 3);
    ReplicaWatch watch = new ReplicaWatch(pair, ReplicationProbe.detect(pair, tables), tuning);
    if (!watch.waits()) {
      throw new IllegalStateException("the probe found no replication to wait for");
    }
    return watch;
  }
}
