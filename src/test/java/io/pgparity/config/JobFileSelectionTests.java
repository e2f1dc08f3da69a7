package io.pgparity.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgparity.table.TableRef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Patterns, exclude: and materialized-views: in a job file. */
class JobFileSelectionTests {

  private static final String HEAD =
      """
      name: auth
      primary: { url: 'jdbc:postgresql://db1:5432/app?user=checker' }
      replica: { url: 'jdbc:postgresql://db2:5432/app?user=checker' }
      """;

  @TempDir Path dir;

  private final JobFileLoader loader = new JobFileLoader();

  @Test
  void patternsSitNextToExactEntriesWhichKeepTheirOptions() throws IOException {
    JobDefinition job =
        loader.load(
            write(
                HEAD
                    + """
                    tables:
                      - app.*
                      - 'billing.invoice_*'
                      - '"App"."T*"'
                      - table: app.users
                        key: [id]
                        where: "id > 0"
                      - billing.ledger
                    exclude: ['app.tmp_*', 'app.old?']
                    materialized-views: true
                    """),
            Map.of());
    // in file order; "App"."T*" is quoted, so it names one table
    assertThat(job.tables())
        .containsExactly(
            TableSpec.of(new TableRef("App", "T*")),
            new TableSpec(
                new TableRef("app", "users"), List.of("id"), List.of(), List.of(), "id > 0"),
            TableSpec.of(new TableRef("billing", "ledger")));
    assertThat(job.selection().include())
        .extracting(TablePattern::text)
        .containsExactly("app.*", "billing.invoice_*");
    assertThat(job.selection().exclude())
        .extracting(TablePattern::text)
        .containsExactly("app.tmp_*", "app.old?");
    assertThat(job.selection().materializedViews()).isTrue();
    assertThat(job.selection().discovers()).isTrue();
  }

  @Test
  void aJobOfPatternsOnlyNeedsNoExactTable() throws IOException {
    JobDefinition job = loader.load(write(HEAD + "tables: ['*.*']\n"), Map.of());
    assertThat(job.tables()).isEmpty();
    assertThat(job.selection().include()).extracting(TablePattern::text).containsExactly("*.*");
    assertThat(job.selection().exclude()).isEmpty();
    assertThat(job.selection().materializedViews()).isFalse();
  }

  @Test
  void aJobWithoutPatternsSelectsNothingMore() throws IOException {
    JobDefinition job = loader.load(write(HEAD + "tables: [app.users]\n"), Map.of());
    assertThat(job.selection()).isEqualTo(TableSelection.NONE);
    assertThat(job.selection().discovers()).isFalse();
  }

  @Test
  void mistakesNameTheLineTheValueAndTheFix() throws IOException {
    assertThat(error(HEAD + "tables:\n  - table: 'app.*'\n    key: [id]\n"))
        .isEqualTo(
            "auth.yaml:5: table 'app.*' is a pattern, but an entry with options (key, columns,"
                + " where, ...) names one table; list the pattern as a plain entry (- app.*) and"
                + " give options to tables named exactly");
    assertThat(error(HEAD + "tables: ['invoice_*']\n"))
        .startsWith("auth.yaml:4: table pattern 'invoice_*' must be schema.table where");
    assertThat(error(HEAD + "tables: [app.users]\nexclude: ['app.tmp_*']\n"))
        .isEqualTo(
            "auth.yaml:5: exclude leaves out tables that a pattern in tables matches, but tables"
                + " has no pattern (an entry named exactly is always compared); add one such as"
                + " app.* or remove exclude");
    assertThat(error(HEAD + "tables: ['app.*', 'app.*']\n"))
        .isEqualTo("auth.yaml:4: pattern app.* is listed twice (first on line 4); keep one entry");
    assertThat(error(HEAD + "tables: ['app.*']\nexclude: [app.t, app.t]\n"))
        .isEqualTo("auth.yaml:5: exclude lists 'app.t' twice; remove one");
    assertThat(error(HEAD + "tables: ['app.*']\nexclude: {a: b}\n"))
        .isEqualTo(
            "auth.yaml:5: exclude must be a list of table patterns, e.g. exclude: ['app.tmp_*']"
                + " but was a map");
    assertThat(error(HEAD + "tables: ['app.*']\nmaterialized-views: maybe\n"))
        .startsWith("auth.yaml:5: materialized-views must be true or false");
  }

  private String error(String yaml) throws IOException {
    Path file = write(yaml);
    try {
      loader.load(file, Map.of());
    } catch (ConfigException e) {
      return e.getMessage().replace(dir + file.getFileSystem().getSeparator(), "");
    }
    throw new AssertionError("expected a ConfigException for:\n" + yaml);
  }

  private Path write(String yaml) throws IOException {
    return Files.writeString(dir.resolve("auth.yaml"), yaml);
  }
}
