package io.pgparity.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgparity.demo.EmbeddedPair;
import io.pgparity.table.SqlIdentifier;
import io.pgparity.testing.PgParityProcess;
import io.pgparity.testing.PgParityProcess.Result;
import io.pgparity.testing.TestServers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar on a pseudo-terminal (util-linux {@code script}) shows the live progress line,
 * redrawn with {@code \r} and erased before every log line; without a terminal its output has no
 * {@code \r} and no escape sequence at all. Hashing is slowed down so the line has time to appear:
 * a table of about 14 MB per side read in shrinking pieces (query-time 1ms) at 1,500 rows/s.
 */
class LiveLineProcessTests {

  private static final String ERASE = "\r\u001b[2K";

  private static EmbeddedPair pair;
  private static String schema;

  @TempDir Path dir;

  @BeforeAll
  static void createTable() {
    pair = TestServers.pair();
    schema = TestServers.uniqueSchema("live_line");
    String table = SqlIdentifier.quote(schema) + ".wide";
    // about 1 kB a row, below the TOAST threshold: some 1,700 heap blocks, more than one first
    // piece
    pair.execBoth(
        "CREATE TABLE "
            + table
            + " (id int PRIMARY KEY, pad text);"
            + "INSERT INTO "
            + table
            + " SELECT g, repeat(md5(g::text), 31) FROM generate_series(1, 12000) g;"
            + "ANALYZE "
            + table);
  }

  @AfterAll
  static void dropTable() {
    TestServers.dropSchema(schema);
  }

  @Test
  void onATerminalTheLiveLineIsRedrawnAndErasedBeforeEveryLogLine() throws Exception {
    writeJob();

    Result r =
        PgParityProcess.in(dir)
            .withTimeout(Duration.ofMinutes(3))
            .withEnv(Map.of("PGPARITY_PROGRESS_SECONDS", "1", "COLUMNS", "120"))
            .runOnTerminal("verify", "--job", "job.yaml", "--rows-per-second", "1500");

    String screen = r.stdout();
    assertThat(r.exitCode()).as("%s", r).isZero();
    assertThat(screen)
        .as("%s", r)
        .contains(ERASE + "Hashing " + schema + ".wide ")
        .contains("% ", " rows/s ", " left");
    // what the terminal shows of each line is what follows its last erase: a log line never shares
    // it with the live line
    List<String> visible =
        Arrays.stream(screen.split("\n"))
            .map(l -> l.contains(ERASE) ? l.substring(l.lastIndexOf(ERASE) + ERASE.length()) : l)
            .toList();
    assertThat(visible)
        .filteredOn(l -> l.contains(" INFO "))
        .as("%s", r)
        .isNotEmpty()
        .allSatisfy(l -> assertThat(l).doesNotContain("Hashing "));
    // each drawing of the live line fits COLUMNS less one, so the terminal never wraps it
    Matcher draws = Pattern.compile("\r\u001b\\[2K(Hashing [^\r\n]*)").matcher(screen);
    while (draws.find()) {
      assertThat(draws.group(1)).hasSizeLessThanOrEqualTo(119);
    }
    // cleared at the end: the verdict is the last thing on the screen, on a line of its own
    List<String> written = visible.stream().map(String::strip).filter(l -> !l.isEmpty()).toList();
    assertThat(written.get(written.size() - 1))
        .as("%s", r)
        .startsWith("CONSISTENT: 1 table, 12000 rows compared");
    assertThat(screen.substring(screen.lastIndexOf("CONSISTENT: "))).doesNotContain("Hashing");
  }

  @Test
  void withoutATerminalNothingIsRedrawn() throws Exception {
    writeJob();

    Result r =
        PgParityProcess.in(dir)
            .withTimeout(Duration.ofMinutes(3))
            .withEnv(Map.of("PGPARITY_PROGRESS_SECONDS", "1"))
            .run("verify", "--job", "job.yaml", "--rows-per-second", "1500");

    assertThat(r.exitCode()).as("%s", r).isZero();
    assertThat(r.stderr()).as("%s", r).contains("Progress " + schema + ".wide: ");
    assertThat(r.stdout() + r.stderr())
        .as("%s", r)
        .doesNotContain("\r")
        .doesNotContain("\u001b")
        .doesNotContain("Hashing ");
  }

  private void writeJob() throws Exception {
    Files.writeString(
        dir.resolve("job.yaml"),
        "name: live\n"
            + "primary: { url: '"
            + pair.primaryUrl()
            + "' }\n"
            + "replica: { url: '"
            + pair.replicaUrl()
            + "' }\n"
            + "tables: ["
            + schema
            + ".wide]\n"
            + "out: out\n"
            + "threads: 1\n"
            + "query-time: 1ms\n");
  }
}
