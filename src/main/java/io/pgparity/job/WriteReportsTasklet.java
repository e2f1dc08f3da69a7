package io.pgparity.job;

import io.pgparity.compare.Divergence;
import io.pgparity.config.JobDefinition;
import io.pgparity.repair.RepairSqlAfterVerify;
import io.pgparity.report.ReportWriter;
import io.pgparity.report.RunResult;
import io.pgparity.verdict.Status;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Step writeReports: closes the divergence files, then writes report.md, summary.json and
 * manifest.json.
 */
final class WriteReportsTasklet implements Tasklet {

  /** Up to this many tables, the log has a line for each; beyond, only for those not consistent. */
  static final int FEW_TABLES = 20;

  private static final Logger log = LoggerFactory.getLogger(WriteReportsTasklet.class);

  private final InMemoryRunState state;
  private final JobDefinition definition;
  private final String version;

  WriteReportsTasklet(InMemoryRunState state, JobDefinition definition, String version) {
    this.state = state;
    this.definition = definition;
    this.version = version;
  }

  @Override
  public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
    state.result(writeAll(state, definition, version));
    return RepeatStatus.FINISHED;
  }

  /**
   * Writes the run folder's reports; also used for a run stopped before this step (see {@link
   * RunEndReports}).
   */
  static RunResult writeAll(InMemoryRunState state, JobDefinition definition, String version) {
    state.progressLog().close();
    state.divergences().close();
    if (state.repairInput() != null) {
      // before summary.json, which marks the folder complete
      RepairSqlAfterVerify.write(
          state.pair(),
          state.repairInput(),
          definition,
          state.folder(),
          state.tables().stream().map(t -> t.spec.table()).toList(),
          state.sequences() == null ? List.of() : state.sequences().results());
    }
    RunResult result = RunResults.of(state, definition, version, Instant.now(), null);
    List<Divergence> sample = state.tables().stream().flatMap(t -> t.sample().stream()).toList();
    new ReportWriter().writeAll(result, sample);
    // one line per table while a reader can take them in; of a thousand tables, those to look at
    boolean few = result.tables().size() <= FEW_TABLES;
    result.tables().stream()
        .filter(t -> few || t.status() != Status.CONSISTENT)
        .forEach(
            t ->
                log.info(
                    "Compared {}: {} rows, {} missing on replica, {} extra, {} changed; {} ({} s)",
                    t.table(),
                    t.rows().rowsPrimary(),
                    t.differences().missingOnReplica(),
                    t.differences().extraOnReplica(),
                    t.differences().changed(),
                    t.status(),
                    String.format(java.util.Locale.ROOT, "%.1f", t.seconds())));
    // last: the manifest lists every other file of the run folder, so nothing may be written after
    // it
    RunEvidence.writeManifest(state, result, true);
    return result;
  }
}
