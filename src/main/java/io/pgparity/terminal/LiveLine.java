package io.pgparity.terminal;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * The one status line a process shows at the bottom of a terminal, redrawn in place with {@code \r}
 * and erased with ANSI erase-line. It is the only writer of {@code \r}: once installed, System.out
 * and System.err go through {@link ClearingStream}s that erase the line before any other output, so
 * log lines and the verdict never share a line with it. Off unless the process runs on a terminal
 * with text logs; {@value #ENV}=off turns it off. Without it, nothing about the output changes
 * (cron, Kubernetes, pipes, files).
 */
public final class LiveLine {

  /** The environment variable that turns the live line off (off, false, no or 0). */
  public static final String ENV = "PGPARITY_PROGRESS";

  /** The width when {@code COLUMNS} does not say. */
  static final int DEFAULT_WIDTH = 100;

  /** Carriage return and ANSI erase-entire-line: the cursor goes to column 1 of an empty line. */
  static final byte[] ERASE = "\r\u001b[2K".getBytes(UTF_8);

  private static volatile LiveLine installed;

  private final PrintStream terminal;
  private final Charset charset;
  private final int width;
  private final Object lock = new Object();

  /** Guarded by {@link #lock}: the line is on the screen. */
  private boolean shown;

  /**
   * Guarded by {@link #lock}: the last byte anyone else wrote ended a line, so the line may be
   * drawn.
   */
  private boolean atLineStart = true;

  LiveLine(PrintStream terminal, Charset charset, int width) {
    this.terminal = terminal;
    this.charset = charset;
    this.width = width;
  }

  /**
   * Installs the live line for this process when stderr is a terminal, the logs are text and
   * {@value #ENV} does not turn it off; call once, before anything else takes System.out or
   * System.err. Returns whether it was installed.
   */
  public static synchronized boolean install(Map<String, String> env, boolean textLogs) {
    if (installed != null
        || !enabled(env, textLogs, System.console() != null, stderrIsTerminal())) {
      return installed != null;
    }
    // the streams keep the JVM's encoding of the terminal; only the bytes' path changes
    Charset out = charset("stdout.encoding", "sun.stdout.encoding");
    Charset err = charset("stderr.encoding", "sun.stderr.encoding");
    LiveLine line = new LiveLine(System.err, err, width(env.get("COLUMNS")));
    System.setOut(new PrintStream(new ClearingStream(System.out, line), true, out));
    System.setErr(new PrintStream(new ClearingStream(System.err, line), true, err));
    Runtime.getRuntime().addShutdownHook(new Thread(line::clear, "live-line-clear"));
    installed = line;
    return true;
  }

  /** The installed live line, or null when output is not a terminal (then show nothing). */
  public static LiveLine current() {
    return installed;
  }

  /**
   * The encoding the JVM gave the stream: {@code property} (Java 19+), else {@code legacy}, else
   * the default.
   */
  private static Charset charset(String property, String legacy) {
    String name = System.getProperty(property, System.getProperty(legacy));
    try {
      return name == null ? Charset.defaultCharset() : Charset.forName(name);
    } catch (IllegalArgumentException e) {
      return Charset.defaultCharset();
    }
  }

  /**
   * Whether the line should be shown: a console, stderr a terminal, text logs, and not turned off.
   */
  static boolean enabled(
      Map<String, String> env, boolean textLogs, boolean console, boolean stderrTerminal) {
    String setting = env.getOrDefault(ENV, "").trim().toLowerCase(Locale.ROOT);
    boolean off =
        setting.equals("off")
            || setting.equals("false")
            || setting.equals("no")
            || setting.equals("0");
    return console && stderrTerminal && textLogs && !off;
  }

  /** The terminal width from {@code COLUMNS} (20..1000), else {@value #DEFAULT_WIDTH}. */
  static int width(String columns) {
    if (columns == null || !columns.trim().matches("[0-9]{1,4}")) {
      return DEFAULT_WIDTH;
    }
    int n = Integer.parseInt(columns.trim());
    return n < 20 || n > 1000 ? DEFAULT_WIDTH : n;
  }

  /**
   * On Linux, whether file descriptor 2 is a terminal device; System.console() only says stdin and
   * stdout are, and stderr may go to a file ({@code 2>log}). Elsewhere the console decides alone.
   */
  private static boolean stderrIsTerminal() {
    Path fd = Path.of("/proc/self/fd/2");
    if (!Files.exists(fd, LinkOption.NOFOLLOW_LINKS)) {
      return true;
    }
    try {
      String target = Files.readSymbolicLink(fd).toString();
      return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
  }

  /** The columns a line may use: one less than the width, so the terminal never wraps it. */
  public int columns() {
    return width - 1;
  }

  /**
   * Draws {@code text} in place of the line; an empty text erases it. Skipped mid-way through
   * someone else's line.
   */
  public void show(String text) {
    synchronized (lock) {
      if (!atLineStart) {
        return;
      }
      if (text.isEmpty()) {
        eraseIfShown();
        return;
      }
      terminal.write(ERASE, 0, ERASE.length);
      byte[] bytes = text.getBytes(charset);
      terminal.write(bytes, 0, bytes.length);
      terminal.flush();
      shown = true;
    }
  }

  /** Erases the line if it is shown; the end of a run calls it, and so does the JVM's exit. */
  public void clear() {
    synchronized (lock) {
      eraseIfShown();
    }
  }

  /**
   * Runs another writer's {@code write} with the line erased first; {@code endsLine} is its last
   * byte '\n'.
   */
  void around(Runnable write, boolean endsLine) {
    synchronized (lock) {
      eraseIfShown();
      write.run();
      atLineStart = endsLine;
    }
  }

  private void eraseIfShown() {
    if (shown) {
      terminal.write(ERASE, 0, ERASE.length);
      terminal.flush();
      shown = false;
    }
  }
}
