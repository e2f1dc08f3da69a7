package io.pgparity.report;

import static com.google.common.base.Preconditions.checkNotNull;

import io.pgparity.config.JobDefinition;
import io.pgparity.table.LeftOutTable;
import java.nio.file.Path;
import java.util.List;

/** Writes job.json into a run folder at its start, in the schema of {@link JobJson}. */
public final class JobJsonWriter {

  /** The file name inside a run folder. */
  public static final String FILE_NAME = JobJson.FILE_NAME;

  private JobJsonWriter() {}

  /** Writes the definition to {@code runFolder}/job.json atomically. */
  public static void write(JobDefinition definition, Path runFolder) {
    write(definition, List.of(), runFolder);
  }

  /**
   * Writes the definition to {@code runFolder}/job.json atomically, with the tables its selection
   * matched but the run leaves out, so the folder says on its own what the run covered.
   */
  public static void write(JobDefinition definition, List<LeftOutTable> leftOut, Path runFolder) {
    write(definition, definition.tables(), leftOut, runFolder);
  }

  /** As {@link #write(JobDefinition, List, Path)}, listing the tables the run compared. */
  public static void write(
      JobDefinition definition,
      List<io.pgparity.config.TableSpec> compared,
      List<LeftOutTable> leftOut,
      Path runFolder) {
    checkNotNull(definition, "definition");
    checkNotNull(leftOut, "leftOut");
    write(JobJson.of(definition, compared, leftOut), runFolder);
  }

  /** Writes a job.json read from another run folder (pgparity merge), in the same layout. */
  public static void write(JobJson job, Path runFolder) {
    checkNotNull(job, "job");
    RunFileJson.write(RunFileJson.JOB_LAYOUT, job, runFolder.resolve(FILE_NAME));
  }
}
