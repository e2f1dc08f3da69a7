package io.pgparity.testing;

import static com.google.common.base.Preconditions.checkArgument;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.opentest4j.TestAbortedException;

/**
 * Debian's chromium run headless on a local page: the DOM it built and a screenshot of what it
 * drew. Each run gets a fresh profile and no network services, so nothing but the page is loaded.
 */
public record HeadlessChromium(Path binary) {

  /**
   * Where Debian's {@code chromium} package installs it; .ci/run installs it when it is missing.
   */
  public static final Path DEBIAN = Path.of("/usr/bin/chromium");

  // a cold start on a busy two-core machine can take a while; a hang must still end the test
  private static final long TIMEOUT_SECONDS = 180;

  private static final List<String> FLAGS =
      List.of(
          "--headless",
          "--no-sandbox",
          "--disable-gpu",
          "--disable-quic",
          "--no-first-run",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
          "--hide-scrollbars");

  public HeadlessChromium {
    checkArgument(Files.isExecutable(binary), "%s is not an executable file", binary);
  }

  /**
   * Debian's chromium; when it is missing the calling test is aborted (skipped), except under
   * {@code CI=true}, where it fails: CI must never pass by skipping.
   */
  public static HeadlessChromium locateOrSkip() {
    if (Files.isExecutable(DEBIAN)) {
      return new HeadlessChromium(DEBIAN);
    }
    String missing =
        DEBIAN
            + " not found; install Debian's chromium (apt-get install -y chromium; .ci/run does so"
            + " when it is missing)";
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      throw new IllegalStateException("under CI=true the browser tests must run: " + missing);
    }
    throw new TestAbortedException("skipping the browser test: " + missing);
  }

  /** The page's DOM as the browser serialises it once loaded. */
  public String dumpDom(Path page) {
    return run(List.of("--dump-dom"), page);
  }

  /** Draws the page in a window of the given size and saves it as a PNG. */
  public void screenshot(Path page, Path png, int width, int height) {
    run(
        List.of("--screenshot=" + png.toAbsolutePath(), "--window-size=" + width + "," + height),
        page);
    checkArgument(Files.isRegularFile(png), "chromium exited without writing %s", png);
  }

  private String run(List<String> action, Path page) {
    Path work = null;
    try {
      work = Files.createTempDirectory("pgparity-chromium");
      List<String> command = new ArrayList<>(List.of(binary.toString()));
      command.addAll(FLAGS);
      command.add("--user-data-dir=" + work.resolve("profile"));
      command.addAll(action);
      command.add(page.toAbsolutePath().toUri().toString());
      Path out = work.resolve("stdout");
      Path err = work.resolve("stderr");
      Process process =
          new ProcessBuilder(command)
              .redirectOutput(out.toFile())
              .redirectError(err.toFile())
              .start();
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        throw new IllegalStateException(
            "chromium did not finish within " + TIMEOUT_SECONDS + " s: " + command);
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException(
            "chromium exited with "
                + process.exitValue()
                + ": "
                + command
                + "\n"
                + Files.readString(err, StandardCharsets.UTF_8));
      }
      return Files.readString(out, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while chromium rendered " + page, e);
    } finally {
      delete(work);
    }
  }

  private static void delete(Path folder) {
    if (folder == null) {
      return;
    }
    try (Stream<Path> files = Files.walk(folder)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // a leftover profile in the temp folder is harmless
    }
  }
}
