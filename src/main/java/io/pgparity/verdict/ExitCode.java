package io.pgparity.verdict;

/** The process exit codes, documented in the README; automation relies on them. */
public enum ExitCode {
  CONSISTENT(0),
  DIVERGENT(1),
  USAGE(2),
  RUNTIME_FAILURE(3),
  INCOMPLETE(4),
  /** Another run of the same job holds its lock; nothing was written. */
  ALREADY_RUNNING(5),
  /** The replication audit found a problem (pgparity audit; verify when the data is consistent). */
  AUDIT_FINDINGS(6);

  private final int code;

  ExitCode(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  /**
   * The exit code of a verify run: the data verdict first; only consistent data with replication
   * audit findings exits {@link #AUDIT_FINDINGS}.
   */
  public static ExitCode of(Status status, int auditFindings) {
    return status == Status.CONSISTENT && auditFindings > 0 ? AUDIT_FINDINGS : of(status);
  }

  /** The exit code for a run's data verdict. */
  public static ExitCode of(Status status) {
    return switch (status) {
      case CONSISTENT -> CONSISTENT;
      case DIVERGENT -> DIVERGENT;
      case INCOMPLETE -> INCOMPLETE;
      case FAILED -> RUNTIME_FAILURE;
    };
  }
}
