package io.pgparity.job;

import io.pgparity.version.Version;
import io.pgparity.config.ConfigException;
import io.pgparity.config.JobDefinition;
import io.pgparity.config.Shard;
import io.pgparity.guard.AlreadyRunningException;
import io.pgparity.guard.JobLock;
import io.pgparity.guard.RunStop;
import io.pgparity.guard.TermSignal;
import io.pgparity.metrics.MetricsPublisher;
import io.pgparity.report.ReportWriter;
import io.pgparity.report.RunResult;
import io.pgparity.verdict.Status;
import io.pgparity.report.Verdict;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts a Spring context for one definition and runs the verify job in it. The job repository
 * lives in its own DataSource, never in a compared database: an H2 file under {@code
 * <out>/<job>/} by default, or the definition's PostgreSQL URL. Unless told to start fresh, a run
 * continues the job's last run when that one did not complete (see {@link PreviousRun}): a Spring
 * Batch restart of its job execution.
 */
public final class SpringVerifyLauncher implements VerifyLauncher {

  /** System property that --debug sets: DEBUG logs and stack traces of failed steps. */
  public static final String DEBUG_PROPERTY = "pgparity.debug";

  private static final Logger log = LoggerFactory.getLogger(SpringVerifyLauncher.class);

  /** A table whose every partition failed alike would otherwise log thousands of lines. */
  private static final int LOGGED_OTHER_FAILURES = 10;

  @Override
  public RunOutcome launch(JobDefinition definition) {
    return launch(definition, false);
  }

  @Override
  public RunOutcome launch(JobDefinition definition, boolean repairSql) {
    return launch(definition, repairSql, Resume.AUTO);
  }

  /**
   * {@inheritDoc}
   *
   * @throws AlreadyRunningException when another run of the same job holds its lock; checked
   *     before anything of the run is written
   */
  @Override
  public RunOutcome launch(JobDefinition definition, boolean repairSql, Resume resume) {
    RunStop stop = RunStop.after(definition.tuning().live().maxRuntime());
    Shard shard = definition.shard();
    String lockFile = shard == null ? JobLock.FILE_NAME : JobLock.FILE_NAME + "-" + shard.fileSuffix();
    try (JobLock lock = JobLock.acquire(definition.out().resolve(definition.name()), definition.name(), lockFile);
        TermSignal term = TermSignal.stopping(stop, TermSignal.DEFAULT_BOUND)) {
      RunOutcome outcome;
      try {
        outcome = run(definition, repairSql, stop, resume);
      } catch (PlanChangedException e) {
        log.info("Not resuming: {}; starting afresh", e.getMessage());
        outcome = run(definition, repairSql, stop, Resume.FRESH);
      }
      if (stop.reason() != null && outcome.status() == Status.INCOMPLETE) {
        log.warn("Run of {} stopped early: {}", definition.name(), stop.reason());
      }
      return outcome;
    }
  }

  private RunOutcome run(JobDefinition definition, boolean repairSql, RunStop stop, Resume resume) {
    Instant startedAt = Instant.now();
    try (ConfigurableApplicationContext context = context(definition)) {
      RunLedger ledger = context.getBean(RunLedger.class);
      ledger.repairSql = repairSql;
      ledger.stop = stop;
      JobOperator operator = context.getBean(JobOperator.class);
      Optional<PreviousRun> previous = resume == Resume.FRESH
          ? Optional.empty() : PreviousRun.find(context.getBean(JobRepository.class), operator, definition);
      JobExecution execution;
      if (previous.isPresent()) {
        ledger.previous = previous.get();
        // Spring Batch restart: same job instance, the stored plan, completed hash partitions skipped
        execution = operator.restart(previous.get().execution());
      } else {
        execution = operator.start(context.getBean(VerifyJobConfiguration.JOB_NAME + "Job", Job.class),
            PreviousRun.freshParameters(definition));
      }
      if (execution.getStatus() == BatchStatus.COMPLETED && ledger.result != null) {
        RunResult result = ledger.result;
        MetricsPublisher.afterRun(definition, result);
        return new RunOutcome(result.status(), result.runFolder(), Verdict.line(result), result.auditFindings());
      }
      if (execution.getStatus() == BatchStatus.STOPPED && stop.reason() != null && ledger.folder != null) {
        return stopped(ledger, stop.reason());
      }
      return failed(ledger, RunFailure.failures(execution));
    } catch (ConfigException | PlanChangedException e) {
      throw e;
    } catch (Exception e) {
      log.debug("verify failed", e);
      MetricsPublisher.afterFailure(definition, startedAt);
      return new RunOutcome(Status.FAILED, null, "FAILED: " + RunFailure.of(e).line());
    } finally {
      // the next launch in this process (demo, bench, tests) has a run id of its own
      MDC.remove(ContextKeys.RUN_ID_MDC);
    }
  }

  /**
   * A run stopped by max-runtime or SIGTERM: its job execution ended STOPPED, so the next run can
   * resume it, and its folder gets the INCOMPLETE report of what it judged until then.
   */
  private static RunOutcome stopped(RunLedger ledger, String reason) {
    ledger.tables.stream().filter(t -> t.comparable() && !t.judged()).forEach(t -> t.incomplete(reason));
    RunResult result = WriteReportsTasklet.writeAll(ledger, Version.current());
    MetricsPublisher.afterRun(ledger.definition, result);
    return new RunOutcome(result.status(), result.runFolder(), Verdict.line(result));
  }

  private static RunOutcome failed(RunLedger ledger, List<Throwable> failures) {
    for (Throwable failure : failures) {
      for (Throwable t = failure; t != null; t = t.getCause()) {
        if (t instanceof ConfigException config) {
          throw config;
        }
        if (t instanceof PlanChangedException changed) {
          throw changed;
        }
      }
    }
    failures.forEach(f -> log.debug("verify step failed", f));
    String message = "the job stopped without a result";
    if (!failures.isEmpty()) {
      RunFailure failure = RunFailure.of(failures);
      message = failure.line();
      if (failure.others() > 0) {
        // the verdict shows one; the others may name other tables or the other side
        List<String> others = failures.stream()
            .filter(f -> f != failure.cause())
            .filter(f -> RunFailure.Specificity.of(f) != RunFailure.Specificity.SPRING_BATCH_WRAPPER)
            .map(RunFailure::oneLine)
            .distinct()
            .toList();
        others.stream().limit(LOGGED_OTHER_FAILURES).forEach(m -> log.error("Also failed: {}", m));
        if (others.size() > LOGGED_OTHER_FAILURES) {
          log.error("Also failed: {} more (--debug shows each)", others.size() - LOGGED_OTHER_FAILURES);
        }
      }
    }
    Path folder = null;
    if (ledger.folder != null) {
      folder = ledger.folder.path();
      try {
        writeFailedReports(ledger, message);
      } catch (RuntimeException e) {
        // e.g. the failure was writing the reports: the run's own cause must stay the verdict
        log.debug("writing the failed run's reports failed", e);
        message += "; its reports could not be written either: " + RunFailure.of(e).message();
        MetricsPublisher.afterFailure(ledger.definition, ledger.startedAt);
      }
    } else {
      MetricsPublisher.afterFailure(ledger.definition, ledger.startedAt);
    }
    return new RunOutcome(Status.FAILED, folder, "FAILED: " + message + (folder == null ? "" : "; report: " + folder));
  }

  /** summary.json, report.md/html and manifest.json of a failed run, each table's note the failure. */
  private static void writeFailedReports(RunLedger ledger, String message) {
    ledger.divergences.close();
    RunResult result = RunResults.of(ledger, Version.current(), Instant.now(), message);
    new ReportWriter().writeAll(result, List.of());
    writeManifest(ledger, result);
    MetricsPublisher.afterRun(ledger.definition, result);
  }

  /** A failed run's folder gets its manifest too; failing to write it must not hide the failure. */
  private static void writeManifest(RunLedger ledger, RunResult result) {
    try {
      RunEvidence.writeManifest(ledger, result, false);
    } catch (RuntimeException e) {
      log.warn("Could not write manifest.json of the failed run: {}", e.getMessage());
    }
  }

  /** The embedded job repository's folder; each shard has its own, as shards run at the same time. */
  private static Path repositoryFolder(JobDefinition definition) {
    Path folder = definition.out().resolve(definition.name()).resolve(".jobrepository");
    return definition.shard() == null ? folder : folder.resolve(definition.shard().fileSuffix());
  }

  private static ConfigurableApplicationContext context(JobDefinition definition) {
    String repository =
        definition.jobRepositoryUrl() != null
            ? definition.jobRepositoryUrl()
            : "jdbc:h2:file:"
                + repositoryFolder(definition).resolve("batch").toAbsolutePath()
                + ";DB_CLOSE_ON_EXIT=FALSE";
    Map<String, Object> properties = new java.util.HashMap<>();
    properties.put("spring.batch.job.enabled", "false");
    properties.put("spring.batch.jdbc.initialize-schema", "always");
    properties.put("spring.datasource.url", repository);
    properties.put("spring.datasource.hikari.pool-name", "pgparity-jobrepository");
    if (Boolean.getBoolean(DEBUG_PROPERTY)) {
      properties.put("logging.level.io.pgparity", "DEBUG");
      properties.put("logging.level.org.springframework.batch", "INFO");
    }
    return new SpringApplicationBuilder(VerifyApplication.class)
        .web(WebApplicationType.NONE)
        .bannerMode(Banner.Mode.OFF)
        .logStartupInfo(false)
        .registerShutdownHook(false)
        .properties(properties)
        .initializers(c -> c.getBeanFactory().registerSingleton("jobDefinition", definition))
        .run();
  }
}
