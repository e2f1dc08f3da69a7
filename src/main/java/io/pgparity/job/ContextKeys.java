package io.pgparity.job;

/** Keys of the partitions' execution contexts and of the job parameters, defined once. */
public final class ContextKeys {

  public static final String TABLE = "table";
  public static final String SLICE = "slice";
  public static final String SLICES = "slices";
  public static final String RANGES = "ranges";

  /** Job parameter that makes each launch a new job instance. */
  public static final String LAUNCH_ID = "launchId";

  /** MDC key of the run id on every log line once the run folder exists (see logback.xml). */
  public static final String RUN_ID_MDC = "runId";

  private ContextKeys() {}
}
