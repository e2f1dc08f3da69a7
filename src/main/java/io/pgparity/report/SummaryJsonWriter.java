package io.pgparity.report;

import static com.google.common.base.Preconditions.checkNotNull;

import java.nio.file.Path;

/**
 * Writes summary.json, the machine-readable result of a run, in the schema of {@link SummaryJson}.
 */
public final class SummaryJsonWriter {

  /** The file name inside a run folder. */
  public static final String FILE_NAME = SummaryJson.FILE_NAME;

  /** Writes the summary of {@code result} to {@code file} atomically, pretty-printed UTF-8. */
  public void write(RunResult result, Path file) {
    checkNotNull(result, "result");
    checkNotNull(file, "file");
    RunFileJson.write(RunFileJson.JQ_LAYOUT, SummaryJson.of(result), file);
  }
}
