package io.pgparity.terminal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The live line and the streams around it: drawn in place, erased before any other output, never
 * mid-line.
 */
class LiveLineTests {

  private static final String ERASE = "\r\u001b[2K";

  private final ByteArrayOutputStream screen = new ByteArrayOutputStream();
  private final PrintStream terminal = new PrintStream(screen, true, UTF_8);
  private final LiveLine line = new LiveLine(terminal, UTF_8, 100);
  private final PrintStream err = new PrintStream(new ClearingStream(terminal, line), true, UTF_8);

  @Test
  void drawsInPlaceAndErasesTheLineBeforeALogLine() {
    line.show("Hashing t 10% 5 rows/s 9 s left");
    line.show("Hashing t 20% 5 rows/s 8 s left");
    err.println("INFO log line");
    line.show("Hashing t 30% 5 rows/s 7 s left");
    line.clear();

    assertThat(screen.toString(UTF_8))
        .isEqualTo(
            ERASE
                + "Hashing t 10% 5 rows/s 9 s left"
                + ERASE
                + "Hashing t 20% 5 rows/s 8 s left"
                + ERASE
                + "INFO log line\n"
                + ERASE
                + "Hashing t 30% 5 rows/s 7 s left"
                + ERASE);
  }

  @Test
  void neverDrawsInTheMiddleOfAnotherWritersLine() {
    err.print("partial ");
    line.show("Hashing t 10%");
    err.println("line");
    line.show("Hashing t 20%");

    assertThat(screen.toString(UTF_8)).isEqualTo("partial line\n" + ERASE + "Hashing t 20%");
  }

  @Test
  void anEmptyTextErasesAndWritesNothingWhenNothingIsShown() {
    line.show("");
    line.clear();
    line.show("x");
    line.show("");

    assertThat(screen.toString(UTF_8)).isEqualTo(ERASE + "x" + ERASE);
  }

  @Test
  void onlyOnATerminalWithTextLogsAndNotTurnedOff() {
    assertThat(LiveLine.enabled(Map.of(), true, true, true)).isTrue();
    assertThat(LiveLine.enabled(Map.of(), true, false, true))
        .as("no console (cron, Kubernetes)")
        .isFalse();
    assertThat(LiveLine.enabled(Map.of(), true, true, false)).as("stderr to a file").isFalse();
    assertThat(LiveLine.enabled(Map.of(), false, true, true)).as("--log-format json").isFalse();
    assertThat(LiveLine.enabled(Map.of(LiveLine.ENV, "off"), true, true, true)).isFalse();
    assertThat(LiveLine.enabled(Map.of(LiveLine.ENV, "0"), true, true, true)).isFalse();
    assertThat(LiveLine.enabled(Map.of(LiveLine.ENV, "on"), true, true, true)).isTrue();
  }

  @Test
  void theWidthComesFromColumnsOrIsAHundred() {
    assertThat(LiveLine.width("80")).isEqualTo(80);
    assertThat(LiveLine.width(null)).isEqualTo(100);
    assertThat(LiveLine.width("wide")).isEqualTo(100);
    assertThat(LiveLine.width("5")).isEqualTo(100);
    assertThat(new LiveLine(terminal, UTF_8, 80).columns()).isEqualTo(79);
  }
}
