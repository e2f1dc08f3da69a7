package io.pgparity.job;

import io.pgparity.PgParityApplication;
import io.pgparity.cli.Version;
import io.pgparity.config.ConfigException;
import io.pgparity.config.JobDefinition;
import io.pgparity.guard.AlreadyRunningException;
import io.pgparity.guard.JobLock;
import io.pgparity.guard.RunStop;
import io.pgparity.guard.TermSignal;
import io.pgparity.metrics.MetricsPublisher;
import io.pgparity.report.ReportWriter;
import io.pgparity.report.RunResult;
import io.pgparity.report.Status;
import io.pgparity.report.Verdict;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts a Spring context for one definition and runs the verify job in it. The job repository
 * lives in its own DataSource, never in a compared database: an H2 file under {@code
 * <out>/<job>/} by default, or the definition's PostgreSQL URL.
 */
public final class SpringVerifyLauncher implements VerifyLauncher {

  /** System property that --debug sets: DEBUG logs and stack traces of failed steps. */
  public static final String DEBUG_PROPERTY = "pgparity.debug";

  private static final Logger log = LoggerFactory.getLogger(SpringVerifyLauncher.class);

  @Override
  public RunOutcome launch(JobDefinition definition) {
    return launch(definition, false);
  }

  /**
   * {@inheritDoc}
   *
   * @throws AlreadyRunningException when another run of the same job holds its lock; checked
   *     before anything of the run is written
   */
  @Override
  public RunOutcome launch(JobDefinition definition, boolean repairSql) {
    RunStop stop = RunStop.after(definition.tuning().live().maxRuntime());
    try (JobLock lock = JobLock.acquire(definition.out().resolve(definition.name()), definition.name());
        TermSignal term = TermSignal.stopping(stop, TermSignal.DEFAULT_BOUND)) {
      RunOutcome outcome = run(definition, repairSql, stop);
      if (stop.reason() != null && outcome.status() == Status.INCOMPLETE) {
        log.warn("Run of {} stopped early: {}", definition.name(), stop.reason());
      }
      return outcome;
    }
  }

  private RunOutcome run(JobDefinition definition, boolean repairSql, RunStop stop) {
    Instant startedAt = Instant.now();
    try (ConfigurableApplicationContext context = context(definition)) {
      RunLedger ledger = context.getBean(RunLedger.class);
      ledger.repairSql = repairSql;
      ledger.stop = stop;
      JobExecution execution =
          context.getBean(JobOperator.class)
              .start(
                  context.getBean(VerifyJobConfiguration.JOB_NAME + "Job", Job.class),
                  new JobParametersBuilder()
                      .addString(ContextKeys.LAUNCH_ID, UUID.randomUUID().toString())
                      .toJobParameters());
      if (execution.getStatus() == BatchStatus.COMPLETED && ledger.result != null) {
        RunResult result = ledger.result;
        MetricsPublisher.afterRun(definition, result);
        return new RunOutcome(result.status(), result.runFolder(), Verdict.line(result), result.auditFindings());
      }
      return failed(ledger, execution.getAllFailureExceptions());
    } catch (ConfigException e) {
      throw e;
    } catch (Exception e) {
      log.debug("verify failed", e);
      MetricsPublisher.afterFailure(definition, startedAt);
      return new RunOutcome(Status.FAILED, null, "FAILED: " + rootMessage(e));
    } finally {
      // the next launch in this process (demo, bench, tests) has a run id of its own
      MDC.remove(ContextKeys.RUN_ID_MDC);
    }
  }

  private static RunOutcome failed(RunLedger ledger, List<Throwable> failures) {
    for (Throwable failure : failures) {
      for (Throwable t = failure; t != null; t = t.getCause()) {
        if (t instanceof ConfigException config) {
          throw config;
        }
      }
    }
    String message = failures.isEmpty() ? "the job stopped without a result" : rootMessage(failures.get(0));
    failures.forEach(f -> log.debug("verify step failed", f));
    Path folder = null;
    if (ledger.folder != null) {
      ledger.divergences.close();
      RunResult result = RunResults.of(ledger, Version.current(), Instant.now(), message);
      new ReportWriter().writeAll(result, List.of());
      folder = result.runFolder();
      writeManifest(ledger, result);
      MetricsPublisher.afterRun(ledger.definition, result);
    } else {
      MetricsPublisher.afterFailure(ledger.definition, ledger.startedAt);
    }
    return new RunOutcome(Status.FAILED, folder, "FAILED: " + message + (folder == null ? "" : "; report: " + folder));
  }

  /** A failed run's folder gets its manifest too; failing to write it must not hide the failure. */
  private static void writeManifest(RunLedger ledger, RunResult result) {
    try {
      RunEvidence.writeManifest(ledger, result, false);
    } catch (RuntimeException e) {
      log.warn("Could not write manifest.json of the failed run: {}", e.getMessage());
    }
  }

  /** The innermost message that says something, e.g. a CompareException's one line. */
  private static String rootMessage(Throwable failure) {
    String message = String.valueOf(failure.getMessage());
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof io.pgparity.compare.CompareException) {
        return t.getMessage();
      }
      if (t.getMessage() != null) {
        message = t.getMessage();
      }
    }
    return message.lines().findFirst().orElse(message);
  }

  private static ConfigurableApplicationContext context(JobDefinition definition) {
    String repository =
        definition.jobRepositoryUrl() != null
            ? definition.jobRepositoryUrl()
            : "jdbc:h2:file:"
                + definition.out().resolve(definition.name()).resolve(".jobrepository").resolve("batch").toAbsolutePath()
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
    return new SpringApplicationBuilder(PgParityApplication.class)
        .web(WebApplicationType.NONE)
        .bannerMode(Banner.Mode.OFF)
        .logStartupInfo(false)
        .registerShutdownHook(false)
        .properties(properties)
        .initializers(c -> c.getBeanFactory().registerSingleton("jobDefinition", definition))
        .run();
  }
}
