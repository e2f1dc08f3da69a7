package io.pgparity.evidence;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

/** One thing wrong with a run folder: its kind, the file it concerns (relative path) and why. */
public record Problem(ProblemKind kind, String path, String detail) {

  public Problem {
    checkNotNull(kind, "kind");
    checkArgument(path != null && !path.isEmpty(), "a problem names the file it concerns");
    checkNotNull(detail, "detail");
  }

  /** The line {@code evidence check} prints, e.g. {@code CHANGED report.md: sha256 ...}. */
  public String line() {
    // a file name may hold a line break: printed as is, it could forge a line of the report
    return kind.label()
        + " "
        + path.replaceAll("\\p{Cntrl}", "?")
        + (detail.isEmpty() ? "" : ": " + detail);
  }
}
