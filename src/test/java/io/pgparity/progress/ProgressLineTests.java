package io.pgparity.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The live terminal line: share, rows/s, time left, several tables, and the cut to the terminal's
 * width.
 */
class ProgressLineTests {

  private static final long SECOND = 1_000_000_000L;

  @Test
  void showsShareRateAndTimeLeftOfATableBeingHashed() {
    TableProgress users = new TableProgress("public.users", 10_000_000);
    users.hashed(4_100_000, 0);

    assertThat(ProgressLine.render(List.of(users), 10 * SECOND, 99))
        .isEqualTo("Hashing public.users 41% 410k rows/s 14 s left");
  }

  @Test
  void joinsTheTablesBeingHashedAndLeavesOutThoseNotStartedOrDone() {
    TableProgress users = new TableProgress("public.users", 1_000_000);
    users.hashed(300_000, 0);
    TableProgress sessions = new TableProgress("public.sessions", 0);
    sessions.hashed(12_345, 0);
    TableProgress waiting = new TableProgress("public.waiting", 1_000);
    TableProgress done = new TableProgress("public.done", 10);
    done.hashed(10, 0);
    TableProgress finished = new TableProgress("public.finished", 1_000);
    finished.hashed(10, 0);
    finished.finish();

    assertThat(
            ProgressLine.render(List.of(users, sessions, waiting, done, finished), 2 * SECOND, 200))
        .isEqualTo(
            "tables 2/5 done | Hashing public.users 30% 150k rows/s 4 s left | public.sessions 12,345"
                + " rows 6,173 rows/s");
  }

  @Test
  void countsTheTablesDoneOfAThousandAndKeepsTheCountWhenTheLineIsCut() {
    List<TableProgress> tables = new java.util.ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      TableProgress t = new TableProgress("public.t" + i, 10);
      if (i < 37) {
        t.hashed(10, 0);
      } else if (i < 40) {
        t.hashed(5, 0);
      }
      tables.add(t);
    }

    String line = ProgressLine.render(tables, SECOND, 60);

    assertThat(line)
        .hasSize(60)
        .startsWith("tables 37/1,000 done | Hashing public.t37 50% 5 rows/s");
  }

  @Test
  void isEmptyWhenNoTableIsBeingHashed() {
    assertThat(ProgressLine.render(List.of(new TableProgress("t", 5)), SECOND, 99)).isEmpty();
  }

  @Test
  void timeLeftIsUnknownUntilThereIsARateAndReadsInMinutesAndHours() {
    TableProgress none = new TableProgress("t", 1_000);
    none.hashed(0, 0);
    TableProgress slow = new TableProgress("u", 10_000_000);
    slow.hashed(1_000, 0);

    assertThat(ProgressLine.render(List.of(none), SECOND, 99))
        .isEqualTo("Hashing t 0% 0 rows/s ? left");
    assertThat(ProgressLine.render(List.of(slow), SECOND, 99))
        .isEqualTo("Hashing u 0% 1,000 rows/s 2 h 46 min left");
  }

  @Test
  void ratesAreShort() {
    assertThat(ProgressLine.rate(950)).isEqualTo("950");
    assertThat(ProgressLine.rate(9_500)).isEqualTo("9,500");
    assertThat(ProgressLine.rate(95_000)).isEqualTo("95k");
    assertThat(ProgressLine.rate(950_400)).isEqualTo("950k");
    assertThat(ProgressLine.rate(9_500_000)).isEqualTo("9.5M");
    assertThat(ProgressLine.rate(95_000_000)).isEqualTo("95M");
  }

  @Test
  void aLineWiderThanTheTerminalIsCutWithAnEllipsis() {
    TableProgress users = new TableProgress("public.a_table_with_a_rather_long_name", 1_000_000);
    users.hashed(500_000, 0);

    String line = ProgressLine.render(List.of(users), SECOND, 40);

    assertThat(line).hasSize(40).isEqualTo("Hashing public.a_table_with_a_rather_...");
    assertThat(ProgressLine.cut("short", 40)).isEqualTo("short");
    // code points, not chars: a name outside the BMP is never split in half
    assertThat(ProgressLine.cut("\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00", 4))
        .isEqualTo("\uD83D\uDE00...");
  }
}
