package io.pgparity.job;

import io.pgparity.config.ConfigException;
import io.pgparity.config.JobDefinition;
import io.pgparity.config.Shard;
import io.pgparity.guard.AlreadyRunningException;
import io.pgparity.guard.JobLock;
import io.pgparity.guard.RunStop;
import io.pgparity.guard.TermSignal;
import io.pgparity.metrics.MetricsPublisher;
import io.pgparity.verdict.Status;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
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
 * lives in its own DataSource, never in a compared database: an H2 file under {@code <out>/<job>/}
 * by default, or the definition's PostgreSQL URL. Unless told to start fresh, a run continues the
 * job's last run when that one did not complete (see {@link PreviousRun}): a Spring Batch restart
 * of its job execution. The launcher hands the job only its {@link LaunchOptions}; the job's
 * listener ({@link RunEndReports}) writes the reports of however the run ended and leaves the
 * outcome in the job execution, which the launcher returns.
 */
public final class SpringVerifyLauncher implements VerifyLauncher {

  /** System property that --debug sets: DEBUG logs and stack traces of failed steps. */
  public static final String DEBUG_PROPERTY = "pgparity.debug";

  private static final Logger log = LoggerFactory.getLogger(SpringVerifyLauncher.class);

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
   * @throws AlreadyRunningException when another run of the same job holds its lock; checked before
   *     anything of the run is written
   */
  @Override
  public RunOutcome launch(JobDefinition definition, boolean repairSql, Resume resume) {
    RunStop stop = RunStop.after(definition.tuning().live().maxRuntime());
    Shard shard = definition.shard();
    String lockFile =
        shard == null ? JobLock.FILE_NAME : JobLock.FILE_NAME + "-" + shard.fileSuffix();
    try (JobLock lock =
            JobLock.acquire(
                definition.out().resolve(definition.name()), definition.name(), lockFile);
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
      JobOperator operator = context.getBean(JobOperator.class);
      Optional<PreviousRun> previous =
          resume == Resume.FRESH
              ? Optional.empty()
              : PreviousRun.find(context.getBean(JobRepository.class), operator, definition);
      // read by the job's scoped beans only, which the job creates once it runs
      context
          .getBeanFactory()
          .registerSingleton(
              LaunchOptions.BEAN, new LaunchOptions(repairSql, stop, previous.orElse(null)));
      JobExecution execution;
      if (previous.isPresent()) {
        // Spring Batch restart: same job instance, the stored plan, completed hash partitions
        // skipped
        execution = operator.restart(previous.get().execution());
      } else {
        execution =
            operator.start(
                context.getBean(VerifyJobConfiguration.JOB_NAME + "Job", Job.class),
                PreviousRun.freshParameters(definition));
      }
      // the job's listener (RunEndReports) wrote the reports of however it ended, and its outcome
      Optional<RunOutcome> outcome = RunEndReports.outcome(execution);
      if (outcome.isPresent()) {
        return outcome.get();
      }
      Optional<RuntimeException> configuration =
          RunEndReports.configurationFailure(RunFailure.failures(execution));
      if (configuration.isPresent()) {
        throw configuration.get();
      }
      MetricsPublisher.afterFailure(definition, startedAt);
      return new RunOutcome(Status.FAILED, null, "FAILED: the job stopped without a result");
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
   * The embedded job repository's folder; each shard has its own, as shards run at the same time.
   */
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
