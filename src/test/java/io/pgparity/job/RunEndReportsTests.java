package io.pgparity.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgparity.config.ConfigException;
import io.pgparity.verdict.Status;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.infrastructure.item.ExecutionContext;

class RunEndReportsTests {

  @Test
  void theOutcomeTheListenerLeftIsReadBackWhole() {
    JobExecution execution = execution();
    ExecutionContext context = execution.getExecutionContext();
    context.putString(RunEndReports.OUTCOME_STATUS, Status.DIVERGENT.name());
    context.putString(RunEndReports.OUTCOME_FOLDER, "out/nightly/20260101T000000Z-abcd");
    context.putString(RunEndReports.OUTCOME_VERDICT, "DIVERGENT: 3 rows differ");
    context.putInt(RunEndReports.OUTCOME_AUDIT_FINDINGS, 2);

    assertThat(RunEndReports.outcome(execution))
        .contains(
            new RunOutcome(
                Status.DIVERGENT,
                Path.of("out/nightly/20260101T000000Z-abcd"),
                "DIVERGENT: 3 rows differ",
                2));
  }

  @Test
  void aFailureBeforeTheRunFolderHasNone() {
    JobExecution execution = execution();
    ExecutionContext context = execution.getExecutionContext();
    context.putString(RunEndReports.OUTCOME_STATUS, Status.FAILED.name());
    context.putString(RunEndReports.OUTCOME_VERDICT, "FAILED: connection refused");
    context.putInt(RunEndReports.OUTCOME_AUDIT_FINDINGS, 0);

    assertThat(RunEndReports.outcome(execution))
        .contains(new RunOutcome(Status.FAILED, null, "FAILED: connection refused"));
  }

  @Test
  void aRunWhoseListenerLeftNothingHasNoOutcome() {
    assertThat(RunEndReports.outcome(execution())).isEmpty();
  }

  @Test
  void aConfigurationMistakeOrAChangedPlanIsTheCallersEvenWhenWrapped() {
    ConfigException config = new ConfigException("public.a: no such table");
    PlanChangedException changed = new PlanChangedException("public.a: its catalog changed");

    assertThat(
            RunEndReports.configurationFailure(
                List.of(new RuntimeException("step failed", config))))
        .containsSame(config);
    assertThat(RunEndReports.configurationFailure(List.of(new IllegalStateException("x"), changed)))
        .containsSame(changed);
    assertThat(
            RunEndReports.configurationFailure(
                List.of(new IllegalStateException("permission denied"))))
        .isEmpty();
  }

  private static JobExecution execution() {
    return new JobExecution(
        2L, new JobInstance(1L, VerifyJobConfiguration.JOB_NAME), new JobParameters());
  }
}
