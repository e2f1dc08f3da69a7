package io.pgparity.job;

import io.pgparity.report.Resumption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;

/**
 * Before hashRanges of a resumed run: Spring Batch will not run again the hash partitions the
 * stopped run completed, so the sums they left in their step execution contexts ({@link
 * HashCheckpoint}) are added to the tables' in-memory state here, once per partition. The sums stay
 * per partition in the job repository rather than in one job-level entry: each partition stores its
 * own as it completes, before Spring Batch marks it COMPLETED, so a partition a stop or a kill
 * leaves counted as done has its sums; and no job-level entry grows with every partition.
 */
final class ResumedHashPartitions implements StepExecutionListener {

  private static final Logger log = LoggerFactory.getLogger(ResumedHashPartitions.class);

  private final InMemoryRunState state;
  private final PreviousRun previous;
  private final JobRepository repository;
  private final String workerStep;

  ResumedHashPartitions(
      InMemoryRunState state, PreviousRun previous, JobRepository repository, String workerStep) {
    this.state = state;
    this.previous = previous;
    this.repository = repository;
    this.workerStep = workerStep;
  }

  @Override
  public void beforeStep(StepExecution stepExecution) {
    if (previous == null) {
      return;
    }
    JobInstance instance = stepExecution.getJobExecution().getJobInstance();
    int partitions = 0;
    int reused = 0;
    for (HashUnit unit : HashUnit.of(state.tables(), state.batching())) {
      partitions++;
      String name = unit.name();
      // the splitter names worker executions "<worker step>:<partition>"
      StepExecution last = repository.getLastStepExecution(instance, workerStep + ":" + name);
      if (last == null || last.getStatus() != BatchStatus.COMPLETED) {
        continue;
      }
      for (int t : unit.tables()) {
        TableState table = state.table(t);
        HashCheckpoint.readFrom(
                last.getExecutionContext(), unit.batch() ? HashCheckpoint.prefix(t) : "")
            .ifPresentOrElse(
                c -> c.applyTo(table),
                () ->
                    table.incomplete(
                        "run "
                            + previous.runId()
                            + " kept no sums of partition "
                            + name
                            + "; run with --fresh"));
      }
      reused++;
    }
    state.resumption(new Resumption(previous.runId(), reused, partitions));
    log.info(
        "Resuming run {} stopped {}: {} of {} hash partitions already done",
        previous.runId(),
        previous.stoppedAt(),
        reused,
        partitions);
  }
}
