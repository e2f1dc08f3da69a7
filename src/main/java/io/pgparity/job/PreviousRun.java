package io.pgparity.job;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.google.common.hash.Hashing;
import io.pgparity.config.JobDefinition;
import io.pgparity.config.connection.PasswordResolver;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;

/**
 * The last run of a job in the job repository when it ended without completing (stopped by
 * max-runtime or SIGTERM, failed, or killed): a plain rerun of the same definition restarts its job
 * execution, and Spring Batch skips the hash partitions it completed. {@code stoppedAt} is when the
 * repository last heard of it.
 */
record PreviousRun(JobExecution execution, String runId, Instant stoppedAt) {

  private static final Logger log = LoggerFactory.getLogger(PreviousRun.class);

  private static final int PAGE = 50;

  /**
   * Instances of other jobs in a shared repository are skipped; this many at most are looked at.
   */
  private static final int MAX_INSTANCES = 1_000;

  /** Parameters of a fresh run: a new job instance that names its job and what it compares. */
  static JobParameters freshParameters(JobDefinition definition) {
    return new JobParametersBuilder()
        .addString(ContextKeys.LAUNCH_ID, UUID.randomUUID().toString())
        .addString(ContextKeys.JOB, definition.name())
        .addString(ContextKeys.DEFINITION, fingerprint(definition))
        .toJobParameters();
  }

  /**
   * What decides which rows are compared and how (the servers and the tables with their options),
   * and the job folder whose lock guards the run. Tuning (threads, pacing, max-runtime) is left
   * out, so a rerun may change it and still resume.
   */
  static String fingerprint(JobDefinition definition) {
    String text =
        String.join(
            "\n",
            definition.name(),
            PasswordResolver.redact(definition.primary().url()),
            PasswordResolver.redact(definition.replica().url()),
            definition.tables().toString(),
            definition.selection().toString(),
            definition.out().resolve(definition.name()).toAbsolutePath().normalize().toString());
    return Hashing.sha256().hashString(text, UTF_8).toString();
  }

  /**
   * The run of {@code definition} to resume, if its last run did not complete and compared the
   * same. The caller holds the job folder's lock, so a run of it the repository still shows running
   * was killed: it is marked FAILED first (JobOperator.recover), as Spring Batch restarts only
   * executions that ended.
   */
  static Optional<PreviousRun> find(
      JobRepository repository, JobOperator operator, JobDefinition definition) {
    JobExecution last = lastExecution(repository, definition.name());
    if (last == null
        || last.getStatus() == BatchStatus.COMPLETED
        || last.getStatus() == BatchStatus.ABANDONED) {
      return Optional.empty();
    }
    if (!fingerprint(definition)
        .equals(last.getJobParameters().getString(ContextKeys.DEFINITION))) {
      // checked first: a run of another job folder sharing the repository is never touched
      log.info(
          "Not resuming the last run of job {}: its servers, tables or output folder differ; starting afresh",
          definition.name());
      return Optional.empty();
    }
    Instant stoppedAt =
        instant(last.getLastUpdated() != null ? last.getLastUpdated() : last.getStartTime());
    if (last.getStatus().isRunning()) {
      log.info(
          "Run of job {} started {} never ended (the process was killed); marking it FAILED",
          definition.name(),
          instant(last.getStartTime()));
      last = operator.recover(last);
    }
    String runId =
        last.getExecutionContext().containsKey(ContextKeys.RUN_ID)
            ? last.getExecutionContext().getString(ContextKeys.RUN_ID)
            : null;
    if (runId == null) {
      return Optional.empty(); // it stopped before planning ended: nothing to take over
    }
    if (last.getStatus() == BatchStatus.UNKNOWN) {
      log.warn(
          "Not resuming run {}: its job execution ended in status UNKNOWN; starting afresh", runId);
      return Optional.empty();
    }
    return Optional.of(new PreviousRun(last, runId, stoppedAt));
  }

  /** The newest execution of the newest instance of this job; null if it never ran here. */
  private static JobExecution lastExecution(JobRepository repository, String job) {
    for (int start = 0; start < MAX_INSTANCES; start += PAGE) {
      List<JobInstance> instances =
          repository.getJobInstances(VerifyJobConfiguration.JOB_NAME, start, PAGE);
      for (JobInstance instance : instances) {
        JobExecution execution = repository.getLastJobExecution(instance);
        if (execution != null
            && job.equals(execution.getJobParameters().getString(ContextKeys.JOB))) {
          return execution;
        }
      }
      if (instances.size() < PAGE) {
        return null;
      }
    }
    return null;
  }

  private static Instant instant(LocalDateTime time) {
    return time == null
        ? null
        : time.atZone(ZoneId.systemDefault()).toInstant().truncatedTo(ChronoUnit.SECONDS);
  }
}
