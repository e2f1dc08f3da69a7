package io.pgparity.sequence;

import static com.google.common.base.Preconditions.checkNotNull;

import io.pgparity.finding.SchemaFinding;
import java.util.List;

/**
 * What comparing the sequences found: one result per sequence in scope (sorted by name) and the
 * differences between their definitions (ObjectKind.SEQUENCE; {@code table} is the owning table,
 * null for a sequence no column owns).
 */
public record SequenceOutcome(List<SequenceResult> results, List<SchemaFinding> findings) {

  public SequenceOutcome {
    results = List.copyOf(checkNotNull(results, "results"));
    findings = List.copyOf(checkNotNull(findings, "findings"));
  }

  /** The results that make the run DIVERGENT. */
  public List<SequenceResult> divergent() {
    return results.stream().filter(SequenceResult::divergent).toList();
  }

  /** The results that could not be judged: the run cannot call them consistent. */
  public List<SequenceResult> unjudged() {
    return results.stream().filter(result -> !result.status().judged()).toList();
  }
}
