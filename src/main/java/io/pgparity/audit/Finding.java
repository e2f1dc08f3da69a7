package io.pgparity.audit;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

/**
 * One audit finding: its kind, the side it was seen on ({@code primary}, {@code replica} or {@code
 * both}), its subject (a setting, slot or subscription name), the expected and the actual value
 * (empty when not applicable) and a one-line message with the remedy.
 */
public record Finding(
    FindingKind kind, String side, String subject, String expected, String actual, String message) {

  public Finding {
    checkNotNull(kind, "kind");
    checkArgument(
        side != null && side.matches("primary|replica|both"),
        "side must be primary, replica or both but was %s",
        side);
    checkArgument(subject != null && !subject.isBlank(), "a finding needs a subject");
    expected = expected == null ? "" : expected;
    actual = actual == null ? "" : actual;
    checkArgument(message != null && !message.isBlank(), "a finding needs a message");
  }

  /** E.g. {@code UNEXPECTED_SETTING synchronous_commit on the replica}, for a verdict line. */
  public String brief() {
    return kind + " " + subject + (side.equals("both") ? " on both sides" : " on the " + side);
  }

  /** One line for the text report. */
  public String line() {
    return kind + " " + side + " " + subject + ": " + message;
  }
}
