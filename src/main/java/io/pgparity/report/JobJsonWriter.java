package io.pgparity.report;

import static com.google.common.base.Preconditions.checkNotNull;

import io.pgparity.config.JobDefinition;
import java.nio.file.Path;

/** Writes job.json into a run folder at its start, in the schema of {@link JobJson}. */
public final class JobJsonWriter {

  /** The file name inside a run folder. */
  public static final String FILE_NAME = JobJson.FILE_NAME;

  private JobJsonWriter() {}

  /** Writes the definition to {@code runFolder}/job.json atomically. */
  public static void write(JobDefinition definition, Path runFolder) {
    checkNotNull(definition, "definition");
    write(JobJson.of(definition), runFolder);
  }

  /** Writes a job.json read from another run folder (pgparity merge), in the same layout. */
  public static void write(JobJson job, Path runFolder) {
    checkNotNull(job, "job");
    RunFileJson.write(RunFileJson.JOB_LAYOUT, job, runFolder.resolve(FILE_NAME));
  }
}
