package io.pgparity.job;

/** Keys of the partitions' execution contexts and of the job parameters, defined once. */
public final class ContextKeys {

  public static final String TABLE = "table";

  /** A hash partition's tables, as comma-separated indexes: one, or a batch of small ones. */
  public static final String TABLES = "tables";

  /**
   * Job execution context: whether the run hashes small tables in batches, kept so that a resumed
   * run deals the same hash partitions as the run it resumes (see {@link HashUnit}).
   */
  public static final String BATCHING = "pgparity.batching";

  /** True for a hash partition that hashes a batch of small tables whole. */
  public static final String BATCH = "batch";

  public static final String SLICE = "slice";
  public static final String SLICES = "slices";
  public static final String RANGES = "ranges";

  /** Job parameter that makes each launch a new job instance. */
  public static final String LAUNCH_ID = "launchId";

  /** Job parameter: the job definition's name, to find its last run in a shared job repository. */
  public static final String JOB = "job";

  /** Job parameter: a fingerprint of what the definition compares (see {@link PreviousRun}). */
  public static final String DEFINITION = "definition";

  /** Job execution context: the id of the run folder the execution writes. */
  public static final String RUN_ID = "pgparity.runId";

  /** MDC key of the run id on every log line once the run folder exists (see logback.xml). */
  public static final String RUN_ID_MDC = "runId";

  private ContextKeys() {}
}
