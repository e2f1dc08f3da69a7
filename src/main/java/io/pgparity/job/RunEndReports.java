package io.pgparity.job;

import io.pgparity.config.ConfigException;
import io.pgparity.config.JobDefinition;
import io.pgparity.guard.RunStop;
import io.pgparity.metrics.MetricsPublisher;
import io.pgparity.report.ReportWriter;
import io.pgparity.report.RunResult;
import io.pgparity.report.Verdict;
import io.pgparity.verdict.Status;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * After the verify job, however it ended: a completed run's result becomes its outcome; a run
 * stopped by max-runtime or SIGTERM gets the INCOMPLETE reports of what it judged until then; a
 * failed run that has a folder gets reports that name the failure. The outcome goes to the job
 * execution's context under the {@code OUTCOME_*} keys, where the launcher reads it ({@link
 * #outcome}); afterJob runs after Spring Batch last saves that context, so it is never stored. A
 * run that failed because of its configuration, or because the run it resumed planned other tables,
 * gets no outcome: the launcher throws that failure (see {@link #configurationFailure}).
 */
final class RunEndReports implements JobExecutionListener {

  private static final Logger log = LoggerFactory.getLogger(RunEndReports.class);

  static final String OUTCOME_STATUS = "pgparity.outcome.status";
  static final String OUTCOME_FOLDER = "pgparity.outcome.folder";
  static final String OUTCOME_VERDICT = "pgparity.outcome.verdict";
  static final String OUTCOME_AUDIT_FINDINGS = "pgparity.outcome.auditFindings";

  /** A table whose every partition failed alike would otherwise log thousands of lines. */
  private static final int LOGGED_OTHER_FAILURES = 10;

  private final InMemoryRunState state;
  private final JobDefinition definition;
  private final RunStop stop;
  private final String version;

  RunEndReports(InMemoryRunState state, JobDefinition definition, RunStop stop, String version) {
    this.state = state;
    this.definition = definition;
    this.stop = stop;
    this.version = version;
  }

  @Override
  public void afterJob(JobExecution execution) {
    RunOutcome outcome;
    try {
      outcome = end(execution);
    } catch (RuntimeException e) {
      // e.g. the stopped run's reports could not be written
      log.debug("verify failed", e);
      MetricsPublisher.afterFailure(definition, state.startedAt());
      outcome = new RunOutcome(Status.FAILED, null, "FAILED: " + RunFailure.of(e).line());
    }
    if (outcome != null) {
      ExecutionContext context = execution.getExecutionContext();
      context.putString(OUTCOME_STATUS, outcome.status().name());
      if (outcome.runFolder() != null) {
        context.putString(OUTCOME_FOLDER, outcome.runFolder().toString());
      }
      context.putString(OUTCOME_VERDICT, outcome.verdict());
      context.putInt(OUTCOME_AUDIT_FINDINGS, outcome.auditFindings());
    }
  }

  /** What afterJob left for the launcher; empty when the run failed for its configuration. */
  static Optional<RunOutcome> outcome(JobExecution execution) {
    ExecutionContext context = execution.getExecutionContext();
    if (!context.containsKey(OUTCOME_STATUS)) {
      return Optional.empty();
    }
    return Optional.of(
        new RunOutcome(
            Status.valueOf(context.getString(OUTCOME_STATUS)),
            context.containsKey(OUTCOME_FOLDER) ? Path.of(context.getString(OUTCOME_FOLDER)) : null,
            context.getString(OUTCOME_VERDICT),
            context.getInt(OUTCOME_AUDIT_FINDINGS)));
  }

  /**
   * A failure that is not the run's to report but the caller's to act on: a configuration mistake,
   * or a resumed run whose tables changed (the launcher starts afresh).
   */
  static Optional<RuntimeException> configurationFailure(List<Throwable> failures) {
    for (Throwable failure : failures) {
      for (Throwable t = failure; t != null; t = t.getCause()) {
        if (t instanceof ConfigException config) {
          return Optional.of(config);
        }
        if (t instanceof PlanChangedException changed) {
          return Optional.of(changed);
        }
      }
    }
    return Optional.empty();
  }

  private RunOutcome end(JobExecution execution) {
    RunResult result = state.result();
    if (execution.getStatus() == BatchStatus.COMPLETED && result != null) {
      MetricsPublisher.afterRun(definition, result);
      return new RunOutcome(
          result.status(), result.runFolder(), Verdict.line(result), result.auditFindings());
    }
    if (execution.getStatus() == BatchStatus.STOPPED
        && stop.reason() != null
        && state.folder() != null) {
      return stopped(stop.reason());
    }
    List<Throwable> failures = RunFailure.failures(execution);
    if (configurationFailure(failures).isPresent()) {
      return null;
    }
    return failed(failures);
  }

  /**
   * A run stopped by max-runtime or SIGTERM: its job execution ended STOPPED, so the next run can
   * resume it, and its folder gets the INCOMPLETE report of what it judged until then.
   */
  private RunOutcome stopped(String reason) {
    state.tables().stream()
        .filter(t -> t.comparable() && !t.judged())
        .forEach(t -> t.incomplete(reason));
    RunResult result = WriteReportsTasklet.writeAll(state, definition, version);
    MetricsPublisher.afterRun(definition, result);
    return new RunOutcome(result.status(), result.runFolder(), Verdict.line(result));
  }

  private RunOutcome failed(List<Throwable> failures) {
    failures.forEach(f -> log.debug("verify step failed", f));
    String message = "the job stopped without a result";
    if (!failures.isEmpty()) {
      RunFailure failure = RunFailure.of(failures);
      message = failure.line();
      if (failure.others() > 0) {
        // the verdict shows one; the others may name other tables or the other side
        List<String> others =
            failures.stream()
                .filter(f -> f != failure.cause())
                .filter(
                    f ->
                        RunFailure.Specificity.of(f) != RunFailure.Specificity.SPRING_BATCH_WRAPPER)
                .map(RunFailure::oneLine)
                .distinct()
                .toList();
        others.stream().limit(LOGGED_OTHER_FAILURES).forEach(m -> log.error("Also failed: {}", m));
        if (others.size() > LOGGED_OTHER_FAILURES) {
          log.error(
              "Also failed: {} more (--debug shows each)", others.size() - LOGGED_OTHER_FAILURES);
        }
      }
    }
    Path folder = null;
    if (state.folder() != null) {
      folder = state.folder().path();
      try {
        writeFailedReports(message);
      } catch (RuntimeException e) {
        // e.g. the failure was writing the reports: the run's own cause must stay the verdict
        log.debug("writing the failed run's reports failed", e);
        message += "; its reports could not be written either: " + RunFailure.of(e).message();
        MetricsPublisher.afterFailure(definition, state.startedAt());
      }
    } else {
      MetricsPublisher.afterFailure(definition, state.startedAt());
    }
    return new RunOutcome(
        Status.FAILED,
        folder,
        "FAILED: " + message + (folder == null ? "" : "; report: " + folder));
  }

  /**
   * summary.json, report.md/html and manifest.json of a failed run, each table's note the failure.
   */
  private void writeFailedReports(String message) {
    state.divergences().close();
    RunResult result = RunResults.of(state, definition, version, Instant.now(), message);
    new ReportWriter().writeAll(result, List.of());
    writeManifest(result);
    MetricsPublisher.afterRun(definition, result);
  }

  /** A failed run's folder gets its manifest too; failing to write it must not hide the failure. */
  private void writeManifest(RunResult result) {
    try {
      RunEvidence.writeManifest(state, result, false);
    } catch (RuntimeException e) {
      log.warn("Could not write manifest.json of the failed run: {}", e.getMessage());
    }
  }
}
