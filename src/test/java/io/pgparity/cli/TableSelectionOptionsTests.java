package io.pgparity.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgparity.config.ConfigException;
import io.pgparity.config.JobDefinition;
import io.pgparity.config.JobFileLoader;
import io.pgparity.config.TablePattern;
import io.pgparity.config.TableSpec;
import io.pgparity.config.connection.PasswordResolver;
import io.pgparity.table.TableRef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --all, --schema, --table patterns, --exclude and --materialized-views, alone and over a job. */
class TableSelectionOptionsTests {

  private static final String PRIMARY = "jdbc:postgresql://db1:5432/app?user=checker";
  private static final String REPLICA = "jdbc:postgresql://db2:5432/app?user=checker";

  @TempDir Path home;

  @Test
  void patternsSchemasAndAllBecomeIncludePatterns() {
    VerifyOptions options =
        VerifyOptions.parse(
            List.of(
                "--primary",
                PRIMARY,
                "--replica",
                REPLICA,
                "--schema",
                "app",
                "--schema",
                "Billing",
                "--table",
                "ops.job_*",
                "--table",
                "ops.runs",
                "--exclude",
                "app.tmp_*",
                "--materialized-views"));
    assertThat(options.tables()).containsExactly(new TableRef("ops", "runs"));
    assertThat(options.selection().include())
        .extracting(TablePattern::text)
        .containsExactly("app.*", "Billing.*", "ops.job_*");
    assertThat(options.selection().include().get(1).matches(new TableRef("billing", "x"))).isTrue();
    assertThat(options.selection().exclude())
        .extracting(TablePattern::text)
        .containsExactly("app.tmp_*");
    assertThat(options.selection().materializedViews()).isTrue();
    JobDefinition job = factory().build(options);
    assertThat(job.tables()).containsExactly(TableSpec.of(new TableRef("ops", "runs")));
    assertThat(job.selection()).isEqualTo(options.selection());
  }

  @Test
  void allAloneIsARun() {
    JobDefinition job =
        factory()
            .build(
                VerifyOptions.parse(List.of("--primary", PRIMARY, "--replica", REPLICA, "--all")));
    assertThat(job.tables()).isEmpty();
    assertThat(job.selection().include()).extracting(TablePattern::text).containsExactly("*.*");
  }

  @Test
  void mistakesAreOneLineNamingTheValueAndTheFix() {
    assertThat(error("--primary", PRIMARY, "--replica", REPLICA, "--table", "invoice_*"))
        .startsWith("verify: --table table pattern 'invoice_*' must be schema.table where");
    assertThat(error("--primary", PRIMARY, "--replica", REPLICA, "--schema", "a.b"))
        .startsWith("verify: --schema schema 'a.b' must be a schema name or pattern without a dot");
    assertThat(error("--primary", PRIMARY, "--replica", REPLICA, "--all", "--schema", "app"))
        .isEqualTo(
            "verify: --all already selects every table; remove --schema and the --table patterns,"
                + " or --all");
    assertThat(
            error("--primary", PRIMARY, "--replica", REPLICA, "--schema", "app", "--schema", "app"))
        .isEqualTo("verify: --schema app is given twice; give it once");
    assertThat(
            error("--primary", PRIMARY, "--replica", REPLICA, "--table", "a.*", "--table", "a.*"))
        .isEqualTo("verify: --table a.* is given twice; give it once");
    assertThat(
            error(
                "--primary",
                PRIMARY,
                "--replica",
                REPLICA,
                "--all",
                "--exclude",
                "a.t",
                "--exclude",
                "a.t"))
        .isEqualTo("verify: --exclude a.t is given twice; give it once");
    assertThat(error("--primary", PRIMARY, "--replica", REPLICA, "--exclude", "a.t"))
        .endsWith("missing --table (see pgparity verify --help)");
    assertThatThrownBy(
            () ->
                factory()
                    .build(
                        VerifyOptions.parse(
                            List.of(
                                "--primary",
                                PRIMARY,
                                "--replica",
                                REPLICA,
                                "--table",
                                "a.t",
                                "--exclude",
                                "a.t*"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(
            "verify: --exclude leaves out tables that a pattern matches, but no pattern is given");
  }

  @Test
  void theCommandLineReplacesTheFilesChoiceAndKeepsExactOptions() throws IOException {
    Path file =
        Files.writeString(
            home.resolve("job.yaml"),
            """
            name: auth
            primary: { url: '%s' }
            replica: { url: '%s' }
            tables:
              - app.*
              - table: ops.runs
                key: [run_id]
            exclude: ['app.tmp_*']
            """
                .formatted(PRIMARY, REPLICA));
    JobDefinition fromFile =
        factory().build(VerifyOptions.parse(List.of("--job", file.toString())));
    assertThat(fromFile.selection().include())
        .extracting(TablePattern::text)
        .containsExactly("app.*");
    assertThat(fromFile.selection().exclude())
        .extracting(TablePattern::text)
        .containsExactly("app.tmp_*");

    JobDefinition overridden =
        factory()
            .build(
                VerifyOptions.parse(
                    List.of(
                        "--job",
                        file.toString(),
                        "--schema",
                        "billing",
                        "--table",
                        "ops.runs",
                        "--materialized-views")));
    assertThat(overridden.selection().include())
        .extracting(TablePattern::text)
        .containsExactly("billing.*");
    // the file's exclude list stays unless --exclude replaces it
    assertThat(overridden.selection().exclude())
        .extracting(TablePattern::text)
        .containsExactly("app.tmp_*");
    assertThat(overridden.selection().materializedViews()).isTrue();
    assertThat(overridden.tables())
        .containsExactly(
            new TableSpec(
                new TableRef("ops", "runs"), List.of("run_id"), List.of(), List.of(), null));

    JobDefinition excluded =
        factory()
            .build(
                VerifyOptions.parse(List.of("--job", file.toString(), "--exclude", "app.old_*")));
    assertThat(excluded.selection().exclude())
        .extracting(TablePattern::text)
        .containsExactly("app.old_*");
    assertThat(excluded.selection().include())
        .extracting(TablePattern::text)
        .containsExactly("app.*");
  }

  private JobDefinitionFactory factory() {
    return new JobDefinitionFactory(
        new JobFileLoader(), Map.of(), new PasswordResolver(Map.of(), home));
  }

  private static String error(String... args) {
    try {
      VerifyOptions.parse(List.of(args));
    } catch (ConfigException e) {
      assertThat(e.getMessage()).doesNotContain("\n");
      return e.getMessage();
    }
    throw new AssertionError("expected a ConfigException for " + List.of(args));
  }
}
