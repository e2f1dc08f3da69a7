package io.pgparity.image;

import static com.google.common.base.Preconditions.checkArgument;

import io.pgparity.testing.PgParityProcess.Result;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs a command inside an unpacked image root the way a container runtime would, without one: new
 * mount and PID namespaces with /proc and /dev mounted (the dynamic loader resolves {@code $ORIGIN}
 * through /proc/self/exe), the root changed to the image's, the working directory, user and group
 * from its config, and exactly its environment. The network namespace is the host's, so the
 * embedded test servers are reachable on loopback.
 *
 * <p>As root this uses util-linux {@code unshare} (2.38 or later, for --root, --wd and --setuid);
 * otherwise it adds a user namespace that maps the caller to root, so the image's user cannot be
 * switched to and the command runs as root inside.
 */
final class ImageSandbox {

  private static final Pattern NUMERIC_USER = Pattern.compile("(\\d+)(?::(\\d+))?");

  /** Mounts, then enters the root; arguments: root, workdir, unshare, uid, gid, command... */
  private static final String ENTER =
      "root=$1 wd=$2 unshare=$3 uid=$4 gid=$5; shift 5; "
          + "mount -t proc proc \"$root/proc\" && mount --rbind /dev \"$root/dev\" && "
          + "if [ -n \"$uid\" ]; then "
          + "exec \"$unshare\" --root=\"$root\" --wd=\"$wd\""
          + " --setuid=\"$uid\" --setgid=\"$gid\" -- \"$@\"; "
          + "else exec \"$unshare\" --root=\"$root\" --wd=\"$wd\" -- \"$@\"; fi";

  private final Path root;

  /** The image's Env entries ({@code NAME=value}), then any added like {@code docker run -e}. */
  private final List<String> env;

  private final String workingDir;
  private final int uid;
  private final int gid;
  private final Path unshare;

  /** A sandbox for {@code root}, unpacked from {@code image}, with its config's settings. */
  ImageSandbox(Path root, ImageTar image) {
    this.root = root;
    this.env = image.env();
    this.workingDir = image.runConfig().path("WorkingDir").asText("/");
    String user = image.runConfig().path("User").asText("");
    Matcher m = NUMERIC_USER.matcher(user);
    checkArgument(m.matches(), "the image's User is '%s', expected a numeric uid[:gid]", user);
    this.uid = Integer.parseInt(m.group(1));
    this.gid = m.group(2) == null ? uid : Integer.parseInt(m.group(2));
    this.unshare = findUnshare();
    try {
      // mount points a runtime provides; not part of the image
      Files.createDirectories(root.resolve("proc"));
      Files.createDirectories(root.resolve("dev"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private ImageSandbox(ImageSandbox base, List<String> env) {
    this.root = base.root;
    this.env = List.copyOf(env);
    this.workingDir = base.workingDir;
    this.uid = base.uid;
    this.gid = base.gid;
    this.unshare = base.unshare;
  }

  /** This sandbox with {@code variables} set as well, like {@code docker run -e NAME=value}. */
  ImageSandbox withEnv(Map<String, String> variables) {
    List<String> more = new ArrayList<>(env);
    variables.forEach((name, value) -> more.add(name + "=" + value));
    return new ImageSandbox(this, more);
  }

  /** True when the command runs as the image's user; false inside a user namespace (as root). */
  boolean switchesUser() {
    return callerIsRoot();
  }

  /** Runs the image's entrypoint with {@code args}, like {@code docker run image args...}. */
  Result runEntrypoint(ImageTar image, Duration timeout, String... args) {
    List<String> command = new ArrayList<>(image.entrypoint());
    command.addAll(List.of(args));
    return run(timeout, command);
  }

  /** Runs {@code command} (absolute path inside the image first) in the sandbox. */
  Result run(Duration timeout, List<String> command) {
    List<String> full = new ArrayList<>(List.of(unshare.toString()));
    if (!callerIsRoot()) {
      full.addAll(List.of("--user", "--map-root-user"));
    }
    full.addAll(List.of("--mount", "--pid", "--fork", "--kill-child", "--"));
    full.addAll(List.of("/bin/sh", "-c", ENTER));
    full.addAll(List.of("sh", root.toString(), workingDir, unshare.toString()));
    full.addAll(callerIsRoot() ? List.of(uid + "", gid + "") : List.of("", ""));
    full.addAll(command);
    try {
      Path stdout = Files.createTempFile("pgparity-image-stdout-", ".txt");
      Path stderr = Files.createTempFile("pgparity-image-stderr-", ".txt");
      try {
        ProcessBuilder builder =
            new ProcessBuilder(full).redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        Map<String, String> environment = builder.environment();
        environment.clear();
        for (String entry : env) {
          int eq = entry.indexOf('=');
          environment.put(entry.substring(0, eq), entry.substring(eq + 1));
        }
        // Docker and Kubernetes set HOME from the image's /etc/passwd when Env has none
        environment.putIfAbsent("HOME", "/home/pgparity");
        Process process = builder.start();
        process.getOutputStream().close();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
          process.destroyForcibly().waitFor();
          throw new AssertionError(
              "in the image: "
                  + command
                  + " did not finish within "
                  + timeout
                  + "\nstdout:\n"
                  + read(stdout)
                  + "\nstderr:\n"
                  + read(stderr));
        }
        return new Result(command, process.exitValue(), read(stdout), read(stderr));
      } finally {
        Files.deleteIfExists(stdout);
        Files.deleteIfExists(stderr);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + full, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + full, e);
    }
  }

  /**
   * Fails with what to do when this machine cannot run the sandbox at all (no unshare, no
   * namespaces), so a CI run never passes without having started the image.
   */
  void assertUsable() {
    Result r = run(Duration.ofSeconds(60), List.of("/opt/java/bin/java", "-version"));
    if (r.exitCode() != 0) {
      throw new AssertionError(
          "cannot run the image's root in a sandbox on this machine: "
              + (callerIsRoot()
                  ? "unshare --mount --pid (util-linux 2.38+) failed even as root (inside a"
                      + " container without CAP_SYS_ADMIN? run CI on a VM or a privileged runner)"
                  : "unprivileged user namespaces seem disabled; run the tests as root, or"
                      + " enable them (sysctl kernel.unprivileged_userns_clone=1,"
                      + " user.max_user_namespaces > 0)")
              + ". The image tests need it and are not skipped.\n"
              + r);
    }
  }

  private static Path findUnshare() {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
      Path candidate = Path.of(dir, "unshare");
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    throw new AssertionError(
        "unshare is not on PATH; the image tests run the image with util-linux unshare 2.38+"
            + " (Debian: apt-get install util-linux); they are not skipped without it");
  }

  private static boolean callerIsRoot() {
    try {
      return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path file) throws IOException {
    return Files.readString(file, StandardCharsets.UTF_8);
  }
}
