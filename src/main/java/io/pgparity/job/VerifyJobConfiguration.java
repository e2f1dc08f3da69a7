package io.pgparity.job;

import io.pgparity.version.Version;
import io.pgparity.config.JobDefinition;
import java.time.Instant;
import java.util.Map;
import org.slf4j.MDC;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.TaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * The verify job: planRanges, auditReplication, then hashRanges (partitioned over a thread pool),
 * then diffRows (partitioned), then writeReports. Wiring only; each step's work lives in its tasklet.
 */
@Configuration(proxyBeanMethods = false)
class VerifyJobConfiguration {

  static final String JOB_NAME = "verify";

  /** The hash worker step; its partitions' executions are named after it. */
  static final String HASH_WORKER = "hashRange";

  @Bean(destroyMethod = "close")
  RunLedger runLedger(JobDefinition definition) {
    return new RunLedger(definition, Instant.now());
  }

  @Bean
  TaskExecutor compareTaskExecutor(JobDefinition definition) {
    ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
    executor.setThreadNamePrefix("compare-");
    executor.setCorePoolSize(definition.tuning().threads());
    executor.setMaxPoolSize(definition.tuning().threads());
    executor.setTaskDecorator(VerifyJobConfiguration::withCallersMdc);
    executor.initialize();
    return executor;
  }

  /** Runs {@code task} with the submitting thread's MDC (the run id), so pool threads log it too. */
  private static Runnable withCallersMdc(Runnable task) {
    Map<String, String> context = MDC.getCopyOfContextMap();
    return () -> {
      if (context == null) {
        MDC.clear();
      } else {
        MDC.setContextMap(context);
      }
      try {
        task.run();
      } finally {
        MDC.clear();
      }
    };
  }

  // A resumed run (a restart of the stopped job execution) runs planRanges, hashRanges and diffRows
  // again: they open the servers, take over the stored plan and sums, and diff from all the sums.
  // Only the hash partitions a stopped run completed are skipped (the worker step hashRange is not
  // startable once complete).

  @Bean
  Step planRanges(JobRepository repository, RunLedger ledger) {
    return new StepBuilder("planRanges", repository).tasklet(new PlanRangesTasklet(ledger)).allowStartIfComplete(true)
        .build();
  }

  @Bean
  Step auditReplication(JobRepository repository, RunLedger ledger) {
    return new StepBuilder("auditReplication", repository).tasklet(new AuditReplicationTasklet(ledger)).build();
  }

  @Bean
  Step hashRange(JobRepository repository, RunLedger ledger) {
    return new StepBuilder(HASH_WORKER, repository).tasklet(new HashRangesTasklet(ledger)).build();
  }

  @Bean
  Step hashRanges(
      JobRepository repository, RunLedger ledger, Step hashRange, TaskExecutor compareTaskExecutor, JobDefinition definition) {
    return new StepBuilder("hashRanges", repository)
        .partitioner(HASH_WORKER, new HashPartitioner(ledger))
        .step(hashRange)
        .taskExecutor(compareTaskExecutor)
        .gridSize(definition.tuning().threads())
        .listener(new HashCheckpoints(ledger, repository, HASH_WORKER))
        .listener(hashingEnded(ledger))
        .allowStartIfComplete(true)
        .build();
  }

  /** After the hash step, no table is shown as being hashed, even one whose row estimate was too high. */
  private static StepExecutionListener hashingEnded(RunLedger ledger) {
    return new StepExecutionListener() {
      @Override
      public ExitStatus afterStep(StepExecution stepExecution) {
        if (ledger.progressLog != null) {
          ledger.progressLog.hashingEnded();
        }
        return stepExecution.getExitStatus();
      }
    };
  }

  @Bean
  Step diffRange(JobRepository repository, RunLedger ledger) {
    return new StepBuilder("diffRange", repository).tasklet(new DiffRowsTasklet(ledger)).allowStartIfComplete(true)
        .build();
  }

  @Bean
  Step diffRows(
      JobRepository repository, RunLedger ledger, Step diffRange, TaskExecutor compareTaskExecutor, JobDefinition definition) {
    return new StepBuilder("diffRows", repository)
        .partitioner("diffRange", new DiffPartitioner(ledger))
        .step(diffRange)
        .taskExecutor(compareTaskExecutor)
        .gridSize(definition.tuning().threads())
        .allowStartIfComplete(true)
        .build();
  }

  @Bean
  Step writeReports(JobRepository repository, RunLedger ledger) {
    return new StepBuilder("writeReports", repository).tasklet(new WriteReportsTasklet(ledger, Version.current())).build();
  }

  @Bean
  Job verifyJob(JobRepository repository, Step planRanges, Step auditReplication, Step hashRanges, Step diffRows,
      Step writeReports) {
    return new JobBuilder(JOB_NAME, repository).start(planRanges).next(auditReplication).next(hashRanges)
        .next(diffRows).next(writeReports).build();
  }
}
