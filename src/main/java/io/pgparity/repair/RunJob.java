package io.pgparity.repair;

import java.nio.file.Path;
import java.util.List;

/**
 * What a run folder's job.json says about the run, for {@code pgparity repair}.
 *
 * @deprecated read {@link RunFolderJob} instead, which keeps job.json's schema ({@link
 *     io.pgparity.report.JobJson}); this stays only until io.pgparity.cli.RepairCommand is switched.
 */
@Deprecated(forRemoval = true)
public record RunJob(Path folder, String name, String runId, String primaryUrl, String replicaUrl, List<String> tables) {

  public RunJob {
    tables = List.copyOf(tables);
  }

  /** Reads the run folder; a ConfigException says why it is not one repair can use. */
  public static RunJob read(Path folder) {
    RunFolderJob job = RunFolderJob.read(folder);
    return new RunJob(job.folder(), job.name(), job.runId(), job.primaryUrl(), job.replicaUrl(), job.tables());
  }
}
