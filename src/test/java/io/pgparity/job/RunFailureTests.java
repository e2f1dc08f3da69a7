package io.pgparity.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgparity.failure.CompareException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobExecutionException;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.step.StepExecution;

/** Which of a run's failures its verdict shows, whatever order Spring Batch lists them in. */
class RunFailureTests {

  private static final String WRAPPER = "Partition handler returned an unsuccessful step";

  @Test
  void theWorkersCompareExceptionWinsOverThePartitionHandlersWrapper() {
    RunFailure failure =
        RunFailure.of(List.of(new JobExecutionException(WRAPPER), denied(1), denied(2)));
    assertThat(failure.message()).isEqualTo(deniedMessage(1));
    assertThat(failure.others()).isEqualTo(1);
    assertThat(failure.line()).isEqualTo(deniedMessage(1) + " (and 1 more failure, see the log)");
  }

  @Test
  void aCompareExceptionInsideAWrapperIsFoundAndKeepsItsSqlstateAndRemedy() {
    RunFailure failure =
        RunFailure.of(List.of(new IllegalStateException("step failed", denied(3))));
    assertThat(failure.message()).isEqualTo(deniedMessage(3)).contains("[42501]", "grant SELECT");
    assertThat(failure.others()).isZero();
    assertThat(failure.line()).isEqualTo(failure.message());
  }

  @Test
  void aDriverErrorNothingDescribedKeepsItsSqlstate() {
    SQLException driver =
        new SQLException("ERROR: permission denied for table users\n  Where: line 2", "42501");
    RunFailure failure =
        RunFailure.of(
            List.of(new JobExecutionException(WRAPPER), new RuntimeException("x", driver)));
    assertThat(failure.message()).isEqualTo("ERROR: permission denied for table users [42501]");
  }

  @Test
  void anIoErrorWritingTheReportsIsShownWithItsInnermostMessage() {
    UncheckedIOException io =
        new UncheckedIOException("writing report.md", new IOException("No space left on device"));
    assertThat(RunFailure.of(io).message()).isEqualTo("No space left on device");
  }

  @Test
  void onlyWrappersStillGiveTheirMessage() {
    assertThat(RunFailure.of(List.of(new JobExecutionException(WRAPPER))).message())
        .isEqualTo(WRAPPER);
    assertThat(RunFailure.of(new IllegalStateException()).message())
        .isEqualTo("IllegalStateException");
  }

  @Test
  void theSameExceptionListedByItsStepAndByTheJobCountsOnce() {
    CompareException denied = denied(1);
    RunFailure failure = RunFailure.of(List.of(denied, new JobExecutionException(WRAPPER), denied));
    assertThat(failure.cause()).isSameAs(denied);
    assertThat(failure.others()).isZero();
  }

  @Test
  void noFailuresIsAMistakeOfTheCaller() {
    assertThatThrownBy(() -> RunFailure.of(List.of())).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void stepExecutionsAreReadInTheOrderTheyWereCreatedNotTheOrderTheJobListsThem() {
    long seed = new Random().nextLong();
    System.out.println("RunFailureTests seed " + seed);
    Random random = new Random(seed);
    for (int round = 0; round < 200; round++) {
      int slices = 1 + random.nextInt(12);
      JobExecution job = new JobExecution(1, new JobInstance(1, "verify"), new JobParameters());
      List<StepExecution> steps = new ArrayList<>();
      StepExecution manager = new StepExecution(10, "hashRanges", job);
      manager.addFailureException(new JobExecutionException(WRAPPER));
      steps.add(manager);
      int firstFailed = -1;
      int failed = 0;
      for (int slice = 1; slice <= slices; slice++) {
        StepExecution worker =
            new StepExecution(10 + slice, "hashRange:hash-t0-s" + (slice - 1), job);
        if (random.nextInt(3) > 0) {
          worker.addFailureException(denied(slice));
          failed++;
          firstFailed = firstFailed < 0 ? slice : firstFailed;
        }
        steps.add(worker);
      }
      Collections.shuffle(steps, random);
      job.addStepExecutions(steps);
      if (random.nextBoolean()) {
        job.addFailureException(new JobExecutionException(WRAPPER));
      }
      RunFailure failure = RunFailure.of(RunFailure.failures(job));
      if (failed == 0) {
        assertThat(failure.message()).as("seed %s round %s", seed, round).isEqualTo(WRAPPER);
        assertThat(failure.others()).isZero();
      } else {
        assertThat(failure.message())
            .as("seed %s round %s", seed, round)
            .isEqualTo(deniedMessage(firstFailed));
        assertThat(failure.others()).as("seed %s round %s", seed, round).isEqualTo(failed - 1);
      }
    }
  }

  /** What connect.QueryFailures makes of a 42501 in heap slice {@code slice}. */
  private static CompareException denied(int slice) {
    return new CompareException(
        deniedMessage(slice),
        new SQLException("ERROR: permission denied for table users", "42501"));
  }

  private static String deniedMessage(int slice) {
    return "public.users heap slice "
        + slice
        + "/12: query failed on the primary: ERROR: permission denied for table"
        + " users [42501]; grant SELECT on the table to the checking role on the primary";
  }
}
