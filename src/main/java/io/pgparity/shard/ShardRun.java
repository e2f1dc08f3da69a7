package io.pgparity.shard;

import static com.google.common.base.Preconditions.checkNotNull;

import io.pgparity.config.ConfigException;
import io.pgparity.config.Shard;
import io.pgparity.report.JobJson;
import io.pgparity.report.RunFolder;
import io.pgparity.report.RunResult;
import io.pgparity.report.SummaryJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import tools.jackson.core.JacksonException;

/**
 * One finished shard run as its folder records it: its shard, its summary.json, and its job.json
 * without the shard (which must then be the same in every shard of one check).
 */
record ShardRun(Path folder, String runId, Shard shard, SummaryJson summary, JobJson job) {

  ShardRun {
    checkNotNull(folder, "folder");
    checkNotNull(shard, "shard");
    checkNotNull(summary, "summary");
    checkNotNull(job, "job");
  }

  /** The job name from job.json. */
  String jobName() {
    return job.name();
  }

  /**
   * The shard's result as its summary.json records it, all but the key-space strips, which
   * summary.json does not hold.
   */
  RunResult result() {
    try {
      return summary.result(folder, shard);
    } catch (RuntimeException e) {
      throw damaged(folder.resolve(SummaryJson.FILE_NAME), String.valueOf(e.getMessage()));
    }
  }

  /** Reads a shard's run folder; a ConfigException says why it is not one merge can use. */
  static ShardRun read(Path folder) {
    if (!Files.isDirectory(folder)) {
      throw new ConfigException(
          "merge: run folder "
              + folder
              + " does not exist; give the folders the shard runs"
              + " printed"
              + ShardMerger.USE);
    }
    String runId = folder.toAbsolutePath().normalize().getFileName().toString();
    if (!RunFolder.RUN_ID.matcher(runId).matches()) {
      throw new ConfigException(
          "merge: "
              + folder
              + " is not a run folder (its name is not a run id like"
              + " 20261125T120000Z-1a2b)"
              + ShardMerger.USE);
    }
    JobJson job = file(folder.resolve(JobJson.FILE_NAME), JobJson::read);
    if (job.shard() == null) {
      throw new ConfigException(
          "merge: "
              + folder
              + " is not a shard run (its job.json has no shard); merge joins the"
              + " run folders of verify --shard 0/n ... --shard n-1/n");
    }
    Shard shard = job.shard();
    Path summaryFile = folder.resolve(SummaryJson.FILE_NAME);
    if (!Files.isRegularFile(summaryFile)) {
      throw new ConfigException(
          "merge: "
              + folder
              + " has no summary.json: shard "
              + shard.label()
              + " has not"
              + " finished (or was killed); wait for it, or run that shard again");
    }
    SummaryJson summary = file(summaryFile, SummaryJson::read);
    if (!shard.equals(summary.shard())) {
      throw damaged(summaryFile, "its shard does not match job.json's " + shard.label());
    }
    return new ShardRun(folder, runId, shard, summary, job.withoutShard());
  }

  private static <T> T file(Path file, Function<Path, T> read) {
    if (!Files.isRegularFile(file)) {
      throw damaged(file, "it is missing");
    }
    try {
      return read.apply(file);
    } catch (JacksonException e) {
      throw damaged(file, e.getOriginalMessage());
    } catch (IllegalArgumentException | NullPointerException e) {
      throw damaged(file, e.getMessage());
    }
  }

  static ConfigException damaged(Path file, String why) {
    return new ConfigException(
        "merge: "
            + file
            + " cannot be used ("
            + why
            + "); the shard's run folder is damaged:"
            + " run that shard again");
  }
}
