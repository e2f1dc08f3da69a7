package io.pgparity.evidence;

/** What {@code evidence check} found wrong with a run folder; each makes the folder not intact. */
public enum ProblemKind {
  /** manifest.json cannot be parsed or is malformed. */
  UNREADABLE("UNREADABLE"),
  /** The signature does not match, or there is one but no key to check it. */
  BAD_SIGNATURE("BAD SIGNATURE"),
  /** A key is set but the manifest carries no signature, so it could have been rewritten. */
  UNSIGNED("UNSIGNED"),
  /** The manifest contradicts itself: its job definition hash is not job.json's. */
  INCONSISTENT("INCONSISTENT"),
  /** A listed file's content or size differs, or it is no longer a regular file. */
  CHANGED("CHANGED"),
  /** A file is in the folder but not in the manifest. */
  ADDED("ADDED"),
  /** A listed file is gone. */
  REMOVED("REMOVED");

  private final String label;

  ProblemKind(String label) {
    this.label = label;
  }

  /** The word that starts the problem's line in the output. */
  public String label() {
    return label;
  }
}
