package io.pgparity.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgparity.config.JobDefinition;
import io.pgparity.config.TableSpec;
import io.pgparity.config.Tuning;
import io.pgparity.config.connection.ConnectionSpec;
import io.pgparity.table.TableRef;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PreviousRunTests {

  private static final String PRIMARY = "jdbc:postgresql://db1:5432/app?user=check";
  private static final String REPLICA = "jdbc:postgresql://db2:5432/app?user=check";

  @Test
  void tuningMayChangeBetweenAStoppedRunAndItsResumption() {
    JobDefinition stopped =
        job(
            PRIMARY,
            List.of("public.a", "public.b"),
            new Tuning(1, 1000, 10, Duration.ofMinutes(1), Duration.ofSeconds(5)));
    JobDefinition rerun = job(PRIMARY, List.of("public.a", "public.b"), Tuning.defaults());
    assertThat(PreviousRun.fingerprint(rerun)).isEqualTo(PreviousRun.fingerprint(stopped));
  }

  @Test
  void otherServersOrTablesAreAnotherComparison() {
    String fingerprint =
        PreviousRun.fingerprint(job(PRIMARY, List.of("public.a", "public.b"), Tuning.defaults()));
    assertThat(PreviousRun.fingerprint(job(PRIMARY, List.of("public.a"), Tuning.defaults())))
        .isNotEqualTo(fingerprint);
    assertThat(
            PreviousRun.fingerprint(
                job(
                    "jdbc:postgresql://db3:5432/app?user=check",
                    List.of("public.a", "public.b"),
                    Tuning.defaults())))
        .isNotEqualTo(fingerprint);
  }

  @Test
  void aFreshRunNamesItsJobAndItsComparison() {
    JobDefinition job = job(PRIMARY, List.of("public.a"), Tuning.defaults());
    var parameters = PreviousRun.freshParameters(job);
    assertThat(parameters.getString(ContextKeys.JOB)).isEqualTo("nightly");
    assertThat(parameters.getString(ContextKeys.DEFINITION))
        .isEqualTo(PreviousRun.fingerprint(job));
    assertThat(parameters.getString(ContextKeys.LAUNCH_ID))
        .isNotEqualTo(PreviousRun.freshParameters(job).getString(ContextKeys.LAUNCH_ID));
  }

  private static JobDefinition job(String primary, List<String> tables, Tuning tuning) {
    return new JobDefinition(
        "nightly",
        new ConnectionSpec(primary, null),
        new ConnectionSpec(REPLICA, null),
        tables.stream().map(t -> TableSpec.of(TableRef.parse(t))).toList(),
        tuning,
        Path.of("out"),
        null);
  }
}
