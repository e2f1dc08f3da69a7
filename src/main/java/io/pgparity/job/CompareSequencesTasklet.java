package io.pgparity.job;

import io.pgparity.config.TableSelection;
import io.pgparity.failure.CompareException;
import io.pgparity.sequence.SequenceComparison;
import io.pgparity.sequence.SequenceOutcome;
import io.pgparity.sequence.SequenceResult;
import io.pgparity.sequence.SequenceScope;
import io.pgparity.table.TableRef;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Step compareSequences: each sequence in the run's scope on both sides. It reads the primary
 * first, waits for the replica to replay past that moment (as the diff does), then reads the
 * replica, so a standby that merely lags is not taken for one whose sequences are behind. A
 * sequence behind the primary's, or behind the maximum of the column it feeds, makes the run
 * DIVERGENT: after a failover it hands out keys that already exist.
 */
final class CompareSequencesTasklet implements Tasklet {

  private static final Logger log = LoggerFactory.getLogger(CompareSequencesTasklet.class);

  private final InMemoryRunState state;
  private final TableSelection selection;

  CompareSequencesTasklet(InMemoryRunState state, TableSelection selection) {
    this.state = state;
    this.selection = selection;
  }

  /**
   * Which sequences: a run over every table compares every sequence; one over patterns, those the
   * compared tables own and all others in their schemas (a sequence a table uses without owning it,
   * through a DEFAULT, is still compared); one over named tables, those the tables own.
   */
  static SequenceScope scope(TableSelection selection, List<TableRef> tables) {
    if (selection.include().stream().anyMatch(p -> p.text().equals(TableSelection.ALL))) {
      return SequenceScope.wholeDatabase();
    }
    if (selection.discovers()) {
      return SequenceScope.ownedByOrIn(
          tables, tables.stream().map(TableRef::schema).collect(Collectors.toSet()));
    }
    return SequenceScope.ownedBy(tables);
  }

  @Override
  public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
    SequenceScope scope =
        scope(selection, state.tables().stream().map(t -> t.spec.table()).toList());
    SequenceOutcome outcome;
    try {
      outcome = SequenceComparison.compare(state.pair(), scope, state.catchUp());
    } catch (CompareException e) {
      if (!IncompleteTableFailures.contains(e)) {
        throw e;
      }
      // a replica that stopped replaying cannot be judged now: the run is INCOMPLETE, not FAILED,
      // exactly as a table that waits for it
      state.sequencesIncomplete("sequences not compared: " + e.getMessage());
      log.warn("Sequences not compared: {}", e.getMessage());
      return RepeatStatus.FINISHED;
    }
    state.sequences(outcome);
    long divergent = outcome.results().stream().filter(SequenceResult::divergent).count();
    log.info(
        "Sequences compared: {}, {} behind on the replica{}",
        outcome.results().size(),
        divergent,
        outcome.findings().isEmpty()
            ? ""
            : ", " + outcome.findings().size() + " definition difference(s)");
    return RepeatStatus.FINISHED;
  }
}
