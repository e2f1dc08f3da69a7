package io.pgparity.job;

import io.pgparity.config.JobDefinition;
import io.pgparity.hashing.HashSlice;
import io.pgparity.version.Version;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.slf4j.MDC;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.configuration.annotation.JobScope;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.listener.ExecutionContextPromotionListener;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.scope.context.JobContext;
import org.springframework.batch.core.scope.context.JobSynchronizationManager;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.TaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * The verify job: planRanges, auditReplication, then hashRanges (partitioned over a thread pool),
 * then diffRows (partitioned), then writeReports; {@link RunEndReports} after the job, however it
 * ended. Wiring only; each step's work lives in its tasklet.
 *
 * <p>Where the run's state lives: the tasklets are step-scoped beans that take their inputs from
 * the step execution context (a partition's table, slice or ranges) or the job's (the saved plan),
 * and leave what a restart needs there (the plan and run id, promoted from planRanges' context;
 * each hash partition's sums in its own). What cannot be kept there (open connections and files,
 * the tables' sums and tallies) is in the job-scoped {@link InMemoryRunState}; what the launcher
 * decided (repair.sql, when to stop, which run this one resumes) is in the {@link LaunchOptions}.
 */
@Configuration(proxyBeanMethods = false)
class VerifyJobConfiguration {

  static final String JOB_NAME = "verify";

  /** The hash worker step; its partitions' executions are named after it. */
  static final String HASH_WORKER = "hashRange";

  @Bean
  @JobScope
  InMemoryRunState inMemoryRunState(JobDefinition definition) {
    return new InMemoryRunState(definition, Instant.now());
  }

  @Bean
  TaskExecutor compareTaskExecutor(JobDefinition definition) {
    ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
    executor.setThreadNamePrefix("compare-");
    executor.setCorePoolSize(definition.tuning().threads());
    executor.setMaxPoolSize(definition.tuning().threads());
    executor.setTaskDecorator(VerifyJobConfiguration::inCallersJob);
    executor.initialize();
    return executor;
  }

  /**
   * Runs {@code task} with the submitting thread's MDC (the run id), so pool threads log it too,
   * and inside its job execution, so the partitions' step-scoped tasklets reach the job-scoped run
   * state (Spring Batch keeps the job scope per thread). Closing, not releasing, the registration
   * leaves the job-scoped beans to the job itself, which destroys them when it ends.
   */
  private static Runnable inCallersJob(Runnable task) {
    Map<String, String> mdc = MDC.getCopyOfContextMap();
    JobContext job = JobSynchronizationManager.getContext();
    JobExecution execution = job == null ? null : job.getJobExecution();
    return () -> {
      if (mdc == null) {
        MDC.clear();
      } else {
        MDC.setContextMap(mdc);
      }
      if (execution != null) {
        JobSynchronizationManager.register(execution);
      }
      try {
        task.run();
      } finally {
        if (execution != null) {
          JobSynchronizationManager.close();
        }
        MDC.clear();
      }
    };
  }

  // A resumed run (a restart of the stopped job execution) runs planRanges, hashRanges and diffRows
  // again: they open the servers, check the catalogs against the saved plan and take it over, add
  // the
  // completed partitions' sums, and diff from all the sums. Only the hash partitions a stopped run
  // completed are skipped (the worker step hashRange is not startable once complete).

  @Bean
  @StepScope
  Tasklet planRangesTasklet(
      InMemoryRunState state,
      JobDefinition definition,
      LaunchOptions options,
      @Value("#{jobExecutionContext['" + SavedPlan.KEY + "']}") String savedPlans,
      @Value("#{jobExecutionContext['" + ContextKeys.BATCHING + "']}") Boolean savedBatching) {
    return new PlanRangesTasklet(state, definition, options, savedPlans, savedBatching);
  }

  @Bean
  Step planRanges(JobRepository repository, Tasklet planRangesTasklet) {
    // the job context is where Spring Batch keeps them for a restart, and where PreviousRun looks
    ExecutionContextPromotionListener promotion = new ExecutionContextPromotionListener();
    promotion.setKeys(new String[] {SavedPlan.KEY, ContextKeys.RUN_ID, ContextKeys.BATCHING});
    return new StepBuilder("planRanges", repository)
        .tasklet(planRangesTasklet)
        .listener(promotion)
        .allowStartIfComplete(true)
        .build();
  }

  @Bean
  @StepScope
  Tasklet auditReplicationTasklet(InMemoryRunState state, JobDefinition definition) {
    return new AuditReplicationTasklet(state, definition.expect());
  }

  @Bean
  Step auditReplication(JobRepository repository, Tasklet auditReplicationTasklet) {
    return new StepBuilder("auditReplication", repository).tasklet(auditReplicationTasklet).build();
  }

  @Bean
  @StepScope
  Tasklet compareSchemaObjectsTasklet(InMemoryRunState state) {
    return new CompareSchemaObjectsTasklet(state);
  }

  @Bean
  Step compareSchemaObjects(JobRepository repository, Tasklet compareSchemaObjectsTasklet) {
    return new StepBuilder("compareSchemaObjects", repository)
        .tasklet(compareSchemaObjectsTasklet)
        .allowStartIfComplete(true)
        .build();
  }

  @Bean
  @StepScope
  Tasklet compareSequencesTasklet(InMemoryRunState state, JobDefinition definition) {
    return new CompareSequencesTasklet(state, definition.selection());
  }

  @Bean
  Step compareSequences(JobRepository repository, Tasklet compareSequencesTasklet) {
    return new StepBuilder("compareSequences", repository)
        .tasklet(compareSequencesTasklet)
        .allowStartIfComplete(true)
        .build();
  }

  /**
   * One per hash partition: the table and heap slice, or the batch of small tables, come from the
   * partition's context (HashPartitioner).
   */
  @Bean
  @StepScope
  Tasklet hashRangeTasklet(
      InMemoryRunState state,
      @Value("#{stepExecutionContext['" + ContextKeys.TABLES + "']}") String tables,
      @Value("#{stepExecutionContext['" + ContextKeys.BATCH + "']}") boolean batch,
      @Value("#{stepExecutionContext['" + ContextKeys.SLICE + "']}") int slice,
      @Value("#{stepExecutionContext['" + ContextKeys.SLICES + "']}") int slices) {
    List<Integer> indexes = Arrays.stream(tables.split(",")).map(Integer::valueOf).toList();
    return batch
        ? new HashBatchTasklet(state, indexes)
        : new HashRangesTasklet(state, indexes.get(0), new HashSlice(slice, slices));
  }

  @Bean
  Step hashRange(JobRepository repository, Tasklet hashRangeTasklet) {
    return new StepBuilder(HASH_WORKER, repository).tasklet(hashRangeTasklet).build();
  }

  @Bean
  @JobScope
  Partitioner hashPartitioner(InMemoryRunState state) {
    return new HashPartitioner(state.tables(), state.batching());
  }

  @Bean
  @JobScope
  StepExecutionListener resumedHashPartitions(
      InMemoryRunState state, LaunchOptions options, JobRepository repository) {
    return new ResumedHashPartitions(state, options.previous(), repository, HASH_WORKER);
  }

  /**
   * After the hash step, no table is shown as being hashed, even one whose row estimate was too
   * high.
   */
  @Bean
  @JobScope
  StepExecutionListener hashingEnded(InMemoryRunState state) {
    return new StepExecutionListener() {
      @Override
      public ExitStatus afterStep(StepExecution stepExecution) {
        if (state.progressLog() != null) {
          state.progressLog().hashingEnded();
        }
        return stepExecution.getExitStatus();
      }
    };
  }

  @Bean
  Step hashRanges(
      JobRepository repository,
      Step hashRange,
      Partitioner hashPartitioner,
      StepExecutionListener resumedHashPartitions,
      StepExecutionListener hashingEnded,
      TaskExecutor compareTaskExecutor,
      JobDefinition definition) {
    return new StepBuilder("hashRanges", repository)
        .partitioner(HASH_WORKER, hashPartitioner)
        .step(hashRange)
        .taskExecutor(compareTaskExecutor)
        .gridSize(definition.tuning().threads())
        .listener(resumedHashPartitions)
        .listener(hashingEnded)
        .allowStartIfComplete(true)
        .build();
  }

  /**
   * One per diff partition: the table and its mismatched ranges come from the partition's context
   * (DiffPartitioner).
   */
  @Bean
  @StepScope
  Tasklet diffRangeTasklet(
      InMemoryRunState state,
      JobDefinition definition,
      LaunchOptions options,
      @Value("#{stepExecutionContext['" + ContextKeys.TABLE + "']}") int table,
      @Value("#{stepExecutionContext['" + ContextKeys.RANGES + "']}") String ranges) {
    return new DiffRowsTasklet(state, definition, options.stop(), table, ranges);
  }

  @Bean
  Step diffRange(JobRepository repository, Tasklet diffRangeTasklet) {
    return new StepBuilder("diffRange", repository)
        .tasklet(diffRangeTasklet)
        .allowStartIfComplete(true)
        .build();
  }

  /**
   * Late-bound to the run id planRanges promoted: each run's diff partitions have names of their
   * own.
   */
  @Bean
  @JobScope
  Partitioner diffPartitioner(
      InMemoryRunState state,
      @Value("#{jobExecutionContext['" + ContextKeys.RUN_ID + "']}") String runId) {
    return new DiffPartitioner(state.tables(), runId);
  }

  @Bean
  Step diffRows(
      JobRepository repository,
      Step diffRange,
      Partitioner diffPartitioner,
      TaskExecutor compareTaskExecutor,
      JobDefinition definition) {
    return new StepBuilder("diffRows", repository)
        .partitioner("diffRange", diffPartitioner)
        .step(diffRange)
        .taskExecutor(compareTaskExecutor)
        .gridSize(definition.tuning().threads())
        .allowStartIfComplete(true)
        .build();
  }

  @Bean
  @StepScope
  Tasklet writeReportsTasklet(InMemoryRunState state, JobDefinition definition) {
    return new WriteReportsTasklet(state, definition, Version.current());
  }

  @Bean
  Step writeReports(JobRepository repository, Tasklet writeReportsTasklet) {
    return new StepBuilder("writeReports", repository).tasklet(writeReportsTasklet).build();
  }

  @Bean
  @JobScope
  JobExecutionListener runEndReports(
      InMemoryRunState state, JobDefinition definition, LaunchOptions options) {
    return new RunEndReports(state, definition, options.stop(), Version.current());
  }

  @Bean
  Job verifyJob(
      JobRepository repository,
      Step planRanges,
      Step auditReplication,
      Step compareSchemaObjects,
      Step hashRanges,
      Step diffRows,
      Step compareSequences,
      Step writeReports,
      JobExecutionListener runEndReports) {
    return new JobBuilder(JOB_NAME, repository)
        .listener(runEndReports)
        .start(planRanges)
        .next(auditReplication)
        .next(compareSchemaObjects)
        .next(hashRanges)
        .next(diffRows)
        .next(compareSequences)
        .next(writeReports)
        .build();
  }
}
