package io.pgparity.repair;

import static com.google.common.base.Preconditions.checkNotNull;

import io.pgparity.config.ConfigException;
import io.pgparity.report.JobJson;
import io.pgparity.report.RunFolder;
import io.pgparity.report.SummaryJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import tools.jackson.core.JacksonException;

/**
 * A finished run folder's job.json as {@code pgparity repair} reads it, with the run id from the
 * folder name: the job name, the two URLs to connect with (a redacted {@code password=***}
 * parameter removed, as it is no password) and the tables as written there ({@code schema.table},
 * unquoted).
 */
public record RunFolderJob(Path folder, String runId, JobJson job) {

  public RunFolderJob {
    checkNotNull(folder, "folder");
    checkNotNull(runId, "runId");
    checkNotNull(job, "job");
  }

  /** Reads the run folder; a ConfigException says why it is not one repair can use. */
  public static RunFolderJob read(Path folder) {
    String example = "; give the folder verify printed, e.g. reports/adhoc/20261125T120000Z-1a2b";
    if (!Files.isDirectory(folder)) {
      throw new ConfigException("repair: run folder " + folder + " does not exist" + example);
    }
    String runId = folder.toAbsolutePath().normalize().getFileName().toString();
    if (!RunFolder.RUN_ID.matcher(runId).matches()) {
      throw new ConfigException(
          "repair: "
              + folder
              + " is not a run folder (its name is not a run id like"
              + " 20261125T120000Z-1a2b)"
              + example);
    }
    Path jobJson = folder.resolve(JobJson.FILE_NAME);
    if (!Files.isRegularFile(jobJson)) {
      throw new ConfigException(
          "repair: "
              + folder
              + " has no "
              + JobJson.FILE_NAME
              + " (made by an older pgparity?); verify again to get a run folder repair can use");
    }
    if (!Files.isRegularFile(folder.resolve(SummaryJson.FILE_NAME))) {
      throw new ConfigException(
          "repair: "
              + folder
              + " has no summary.json: the run has not finished (or was"
              + " killed); wait for it, or verify again");
    }
    try {
      return new RunFolderJob(folder, runId, JobJson.read(jobJson));
    } catch (JacksonException e) {
      throw damaged(jobJson, e.getOriginalMessage());
    } catch (IllegalArgumentException | NullPointerException e) {
      throw damaged(jobJson, e.getMessage());
    }
  }

  /** The job's name. */
  public String name() {
    return job.name();
  }

  /** The primary's URL to connect with. */
  public String primaryUrl() {
    return job.primary().connectableUrl();
  }

  /** The replica's URL to connect with. */
  public String replicaUrl() {
    return job.replica().connectableUrl();
  }

  /** The tables as job.json names them: {@code schema.table}, unquoted. */
  public List<String> tables() {
    return job.tables().stream().map(JobJson.Table::table).toList();
  }

  private static ConfigException damaged(Path jobJson, String why) {
    return new ConfigException(
        "repair: "
            + jobJson
            + " cannot be read ("
            + why
            + "); the run folder is damaged: verify again");
  }
}
