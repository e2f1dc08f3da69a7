package io.pgparity.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgparity.config.ConfigException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchOptionsParserTests {

  @Test
  void noArgumentsGiveTheDefaults() {
    BenchOptions options = BenchCommand.parse(List.of());

    assertThat(options)
        .isEqualTo(
            new BenchOptions(
                1_000_000,
                3,
                Path.of("reports"),
                List.of(BenchTable.USERS, BenchTable.SESSIONS),
                true,
                false));
  }

  @Test
  void readsEveryOptionInBothSpellings() {
    BenchOptions options =
        BenchCommand.parse(
            List.of(
                "--rows", "200_000", "--rounds=2", "--out", "build/bench", "--tables=sessions"));

    assertThat(options)
        .isEqualTo(
            new BenchOptions(
                200_000, 2, Path.of("build/bench"), List.of(BenchTable.SESSIONS), true, false));
  }

  @Test
  void noLagCompareIsAFlagThatTakesNoValue() {
    assertThat(BenchCommand.parse(List.of("--no-lag-compare")).lagCompare()).isFalse();
    assertThat(BenchCommand.parse(List.of("--no-lag-compare", "--rows", "2000")))
        .isEqualTo(
            new BenchOptions(
                2_000, 3, Path.of("reports"), List.of(BenchTable.values()), false, false));
    assertThat(
            BenchCommand.parse(List.of("--rounds", "1", "--no-lag-compare", "--tables", "users")))
        .isEqualTo(
            new BenchOptions(
                1_000_000, 1, Path.of("reports"), List.of(BenchTable.USERS), false, false));
    assertThatThrownBy(() -> BenchCommand.parse(List.of("--no-lag-compare=yes")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("bench: --no-lag-compare takes no value; write just --no-lag-compare");
    // a repeated flag is harmless, as for verify's --debug
    assertThat(BenchCommand.parse(List.of("--no-lag-compare", "--no-lag-compare")).lagCompare())
        .isFalse();
    assertThatThrownBy(() -> BenchCommand.parse(List.of("--no-lag-compare", "users")))
        .hasMessageStartingWith("bench: unexpected argument 'users'");
  }

  @Test
  void tablesKeepTheGivenOrder() {
    assertThat(BenchCommand.parse(List.of("--tables", "sessions, users")).tables())
        .containsExactly(BenchTable.SESSIONS, BenchTable.USERS);
  }

  @Test
  void helpWinsOverEverythingElse() {
    assertThat(BenchCommand.parse(List.of("--rows", "5", "--help")).help()).isTrue();
  }

  @Test
  void rowsOutsideTheRangeNameTheRange() {
    assertThatThrownBy(() -> BenchCommand.parse(List.of("--rows", "999")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("bench: --rows must be an integer between 1000 and 10000000 but was '999'");
    assertThatThrownBy(() -> BenchCommand.parse(List.of("--rows=10000001")))
        .hasMessageContaining("between 1000 and 10000000");
    assertThat(BenchCommand.parse(List.of("--rows", "1000")).rows()).isEqualTo(1000);
    assertThat(BenchCommand.parse(List.of("--rows", "10000000")).rows()).isEqualTo(10_000_000);
  }

  @Test
  void roundsMustBePositiveIntegers() {
    assertThatThrownBy(() -> BenchCommand.parse(List.of("--rounds", "0")))
        .hasMessage("bench: --rounds must be an integer between 1 and 100 but was '0'");
    assertThatThrownBy(() -> BenchCommand.parse(List.of("--rounds", "three")))
        .hasMessageContaining("but was 'three'");
  }

  @Test
  void anUnknownOptionSuggestsTheClosestOne() {
    assertThatThrownBy(() -> BenchCommand.parse(List.of("--row", "5000")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("bench: unknown option '--row'")
        .hasMessageContaining("--rows")
        .hasMessageEndingWith(
            "valid options: --case, --rows, --rounds, --out, --tables, --no-lag-compare,"
                + " --primary, --replica, --launch, --pg-comparator, --no-pg-comparator,"
                + " --table-count, --seed, --no-startup, --help");
  }

  @Test
  void anUnknownOrRepeatedTableIsRejected() {
    assertThatThrownBy(() -> BenchCommand.parse(List.of("--tables", "users,orders")))
        .hasMessageStartingWith("bench: --tables has unknown table 'orders'")
        .hasMessageContaining("valid tables: users, sessions");
    assertThatThrownBy(() -> BenchCommand.parse(List.of("--tables", "users,users")))
        .hasMessage("bench: --tables lists users twice; list it once");
  }

  @Test
  void aMissingValueOrRepeatedOptionOrStrayWordIsRejected() {
    assertThatThrownBy(() -> BenchCommand.parse(List.of("--rows")))
        .hasMessage("bench: --rows needs a value, e.g. --rows 1000000");
    assertThatThrownBy(() -> BenchCommand.parse(List.of("--out", "a", "--out", "b")))
        .hasMessage("bench: --out is given twice; give it once");
    assertThatThrownBy(() -> BenchCommand.parse(List.of("users")))
        .hasMessageStartingWith("bench: unexpected argument 'users'");
  }

  @Test
  void messagesAreOneLine() {
    for (List<String> args :
        List.of(
            List.of("--rows", "x"),
            List.of("--tables", "x"),
            List.of("--nope"),
            List.of("stray"))) {
      assertThatThrownBy(() -> BenchCommand.parse(args))
          .isInstanceOf(ConfigException.class)
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
  }

  @Test
  void namedServersNeedBothUrlsAndTurnTheLagComparisonOff() {
    BenchOptions options =
        BenchCommand.parse(
            List.of(
                "--primary",
                "jdbc:postgresql://db1/app",
                "--replica",
                "jdbc:postgresql://db2/app",
                "--launch",
                "java  -Xmx512m -jar x.jar",
                "--no-pg-comparator"));

    assertThat(options.servers())
        .isEqualTo(
            new BenchOptions.NamedServers(
                "jdbc:postgresql://db1/app", "jdbc:postgresql://db2/app"));
    assertThat(options.schema()).isEqualTo("pgparity_bench");
    assertThat(options.lagCompare()).isFalse();
    assertThat(options.noPgComparator()).isTrue();
    assertThat(options.launch().words()).containsExactly("java", "-Xmx512m", "-jar", "x.jar");
    assertThat(BenchCommand.parse(List.of()).schema()).isEqualTo("bench");
    assertThat(BenchCommand.parse(List.of()).launch()).isNull();
  }

  @Test
  void oneUrlWithoutTheOtherIsRefusedNamingTheMissingOne() {
    assertThatThrownBy(() -> BenchCommand.parse(List.of("--primary", "jdbc:postgresql://db1/app")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("bench: --primary needs --replica too");
    assertThatThrownBy(() -> BenchCommand.parse(List.of("--replica", "jdbc:postgresql://db2/app")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("bench: --replica needs --primary too");
  }

  @Test
  void aUrlThatIsNotPostgresJdbcIsRefusedWithoutItsPassword() {
    assertThatThrownBy(
            () ->
                BenchCommand.parse(
                    List.of(
                        "--primary",
                        "jdbc:postgresql://db1/app",
                        "--replica",
                        "postgres://db2/app?password=s3cret")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("--replica 'postgres://db2/app?password=***'")
        .hasMessageContaining("jdbc:postgresql://host:port/database")
        .hasMessageNotContaining("s3cret");
  }

  @Test
  void pgComparatorOptionsAreChecked() {
    assertThatThrownBy(
            () -> BenchCommand.parse(List.of("--pg-comparator", "/usr/bin/pg_comparator")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("--pg-comparator needs --primary and --replica");
    List<String> servers =
        List.of("--primary", "jdbc:postgresql://db1/app", "--replica", "jdbc:postgresql://db2/app");
    List<String> missing = new java.util.ArrayList<>(servers);
    missing.addAll(List.of("--pg-comparator", "/no/such/pg_comparator"));
    assertThatThrownBy(() -> BenchCommand.parse(missing))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("--pg-comparator /no/such/pg_comparator is not an executable file");
    List<String> both = new java.util.ArrayList<>(servers);
    both.addAll(List.of("--pg-comparator", "/bin/sh", "--no-pg-comparator"));
    assertThatThrownBy(() -> BenchCommand.parse(both))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("contradict");
  }

  @Test
  void aBlankLaunchCommandIsRefused() {
    assertThatThrownBy(() -> BenchCommand.parse(List.of("--launch", "  ")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("bench: --launch needs a value");
  }

  @Test
  void theManyTablesCaseRefusesTheNamedServerOptions() {
    assertThatThrownBy(
            () ->
                BenchCommand.parseManyTables(
                    List.of("--case", "many-tables", "--primary", "jdbc:postgresql://db1/app")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("bench: --primary does not apply to --case many-tables; drop it");
  }
}
