package io.pgparity.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgparity.demo.EmbeddedPair;
import io.pgparity.report.RunFolder;
import io.pgparity.table.SqlIdentifier;
import io.pgparity.table.TableRef;
import io.pgparity.testing.PgParityProcess;
import io.pgparity.testing.PgParityProcess.Result;
import io.pgparity.testing.RunFiles;
import io.pgparity.testing.TestServers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The packaged jar against a logical subscriber whose subscription is disabled: what cron or a
 * Kubernetes CronJob sees when the replica stopped applying (exit code 4, an INCOMPLETE verdict
 * naming the subscription, no stack trace).
 */
class LiveProcessTests {

  private static final Pattern FOLDER_AT_END =
      Pattern.compile("(\\S*" + RunFolder.RUN_ID.pattern() + ")$");

  private static EmbeddedPair pair;
  private static String schema;
  private static String publication;
  private static TableRef items;

  @TempDir Path dir;

  @BeforeAll
  static void replicateOneTable() {
    pair = TestServers.pair();
    schema = TestServers.uniqueSchema("live_process");
    publication = "pub_" + schema;
    items = new TableRef(schema, "items");
    String table = SqlIdentifier.quote(items);
    pair.execBoth("CREATE TABLE " + table + " (id bigint PRIMARY KEY, label text)");
    TestServers.exec(
        pair.primary(),
        "INSERT INTO " + table + " SELECT g, 'item ' || g FROM generate_series(1, 500) g");
    pair.replicate(publication, items.toString());
  }

  @AfterAll
  static void dropAll() {
    if (pair != null && schema != null) {
      try {
        pair.dropReplication(publication);
      } finally {
        TestServers.dropSchema(schema);
      }
    }
  }

  @Test
  void aDisabledSubscriptionPastMaxWaitIsIncompleteWithExitCodeFour() {
    pair.pauseReplication(publication);
    try {
      TestServers.exec(
          pair.primary(),
          "UPDATE "
              + SqlIdentifier.quote(items)
              + " SET label = 'written while paused' WHERE id <= 5");

      Result r =
          PgParityProcess.in(dir)
              .withTimeout(Duration.ofMinutes(2))
              .run(
                  "verify",
                  "--primary",
                  pair.primaryUrl(),
                  "--replica",
                  pair.replicaUrl(),
                  "--table",
                  items.toString(),
                  "--out",
                  "out",
                  "--max-wait",
                  "3s");

      assertThat(r.exitCode()).as("%s", r).isEqualTo(4);
      assertThat(r.lastLine())
          .as("%s", r)
          .startsWith("INCOMPLETE: 1 of 1 table not fully compared")
          .contains("subscription " + publication + " is disabled on the replica");
      assertThat(r.stderrLines()).as("%s", r).noneMatch(line -> line.startsWith("\tat "));
      assertThat(r.stdoutLines()).as("%s", r).noneMatch(line -> line.startsWith("\tat "));
      assertThat(r.stderr())
          .as("%s", r)
          .doesNotContain("Exception")
          .contains("subscription " + publication + " is disabled on the replica");
      JsonNode table = RunFiles.table(runFolder(r), items.toString());
      assertThat(table.get("status").asText()).isEqualTo("INCOMPLETE");
      assertThat(table.get("note").asText()).contains("within max-wait 3 s");
      assertThat(RunFiles.divergences(runFolder(r)))
          .as("a replica behind is never divergent")
          .isEmpty();
      assertThat(RunFiles.summary(runFolder(r)).get("replication").get("kind").asText())
          .isEqualTo("LOGICAL_SUBSCRIBER");
    } finally {
      pair.resumeReplication(publication);
    }
  }

  /** The run folder the verdict names, resolved against the process's working directory. */
  private Path runFolder(Result r) {
    Matcher m = FOLDER_AT_END.matcher(r.lastLine());
    assertThat(m.find()).as("the verdict names a run folder: %s", r).isTrue();
    Path folder = dir.resolve(m.group(1)).normalize();
    assertThat(folder.resolve("summary.json")).as("%s", r).isRegularFile();
    return folder;
  }
}
