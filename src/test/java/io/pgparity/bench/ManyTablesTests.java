package io.pgparity.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.pgparity.config.ConfigException;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The many-tables case's tables, options and start-up log parsing, without servers. */
class ManyTablesTests {

  @Test
  void theSameSeedGivesTheSameTablesWithSizesInRangeAndEveryShape() {
    long seed = new SplittableRandom().nextLong();
    System.out.println("seed " + seed);

    ManyTables tables = ManyTables.of(1_000, seed);

    assertThat(ManyTables.of(1_000, seed)).isEqualTo(tables);
    assertThat(tables.tables()).hasSize(1_000);
    assertThat(tables.tables())
        .allSatisfy(
            t -> {
              assertThat(t.rows()).isBetween(ManyTables.MIN_ROWS, ManyTables.MAX_ROWS);
              assertThat(t.ref().schema()).isEqualTo(ManyTables.SCHEMA);
            });
    assertThat(tables.tables().stream().map(ManyTables.Table::shape).distinct())
        .containsExactlyInAnyOrder(ManyTableShape.values());
    assertThat(tables.tables().stream().map(ManyTables.Table::ref).distinct()).hasSize(1_000);
    assertThat(tables.totalRows())
        .isEqualTo(tables.tables().stream().mapToLong(ManyTables.Table::rows).sum())
        // uniform in 100..5000: about 2,550 per table
        .isBetween(2_400_000L, 2_700_000L);
    assertThat(ManyTables.of(1_000, seed + 1).tables()).isNotEqualTo(tables.tables());
    assertThat(tables.tables()).allMatch(t -> tables.selection().include().get(0).matches(t.ref()));
    assertThat(tables.selection().include().get(0).matches(ManyTables.startupTable().ref()))
        .isFalse();
    assertThat(ManyTables.startupTable().ref().schema()).isNotEqualTo(ManyTables.SCHEMA);
  }

  @Test
  void theOptionsOfTheCaseAreReadAndTheOtherCasesRefused() {
    ManyTablesOptions options =
        BenchCommand.parseManyTables(
            List.of(
                "--case", "many-tables", "--table-count", "200", "--seed", "5", "--rounds", "2"));
    assertThat(options).isEqualTo(new ManyTablesOptions(200, 5, 2, Path.of("reports"), true));
    assertThat(BenchCommand.parseManyTables(List.of("--case", "many-tables", "--no-startup")))
        .isEqualTo(
            new ManyTablesOptions(
                ManyTablesOptions.DEFAULT_TABLE_COUNT,
                ManyTablesOptions.DEFAULT_SEED,
                BenchOptions.DEFAULT_ROUNDS,
                Path.of("reports"),
                false));

    assertThatThrownBy(
            () -> BenchCommand.parseManyTables(List.of("--case", "many-tables", "--rows", "5000")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("bench: --rows does not apply to --case many-tables; drop it");
    assertThatThrownBy(() -> BenchCommand.parse(List.of("--table-count", "5")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("bench: --table-count does not apply to --case large-tables; drop it");
    assertThatThrownBy(() -> BenchCommand.parse(List.of("--case", "many-table")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("unknown case 'many-table'")
        .hasMessageContaining("valid cases: large-tables, many-tables");
    assertThatThrownBy(
            () ->
                BenchCommand.parseManyTables(
                    List.of("--case", "many-tables", "--table-count", "0")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("--table-count");
  }

  @Test
  void theStartUpPartsAreReadFromTheChildsLog() {
    long launched = java.time.Instant.parse("2026-12-03T19:33:04.145Z").toEpochMilli();
    long exited = java.time.Instant.parse("2026-12-03T19:33:10.345Z").toEpochMilli();
    String log =
        String.join(
            "\n",
            "2026-12-03T19:33:06.625Z INFO  [main] PgParityApplication: Starting PgParityApplication"
                + " v0.1.0 using Java 17.0.15 with PID 8756",
            "2026-12-03T19:33:08.520Z DEBUG [main] ScriptUtils: Executed SQL script from class path"
                + " resource [org/springframework/batch/core/schema-h2.sql] in 73 ms.",
            "2026-12-03T19:33:08.896Z INFO  [main] PgParityApplication: Started PgParityApplication in"
                + " 2.954 seconds (process running for 4.724)",
            "");

    VerifyStartup.Launch launch = VerifyStartup.parts(6.2, launched, exited, log);

    assertThat(launch.seconds()).isEqualTo(6.2);
    assertThat(launch.toContext()).isCloseTo(2.480, within(1e-9));
    assertThat(launch.context()).isCloseTo(2.954, within(1e-9));
    assertThat(launch.schemaMillis()).isEqualTo(73);
    assertThat(launch.afterContext()).isCloseTo(1.449, within(1e-9));

    VerifyStartup.Launch unlogged = VerifyStartup.parts(6.2, launched, exited, "{\"json\":1}\n");
    assertThat(unlogged.toContext()).isNaN();
    assertThat(unlogged.context()).isNaN();
    assertThat(unlogged.schemaMillis()).isNaN();
  }
}
