package io.pgparity.bench;

import static com.google.common.base.Preconditions.checkArgument;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The command the benchmark launches each timed verify with, as users launch pgparity: the fast
 * launcher {@code pgparity/pgparity} beside the running jar when packaging put one there and it is
 * executable, otherwise {@code java -jar <the running jar>} ({@code java -cp ... main class} when
 * not run from a jar, as in tests); {@code --launch "CMD ..."} overrides both.
 */
record LaunchCommand(List<String> words) {

  /** Where packaging puts the fast launcher, relative to the jar's folder. */
  static final Path FAST_LAUNCHER = Path.of("pgparity", "pgparity");

  LaunchCommand {
    words = List.copyOf(words);
    checkArgument(!words.isEmpty(), "a launch command needs at least the program");
  }

  /** {@code --launch}'s value split on spaces, e.g. {@code java -Xmx256m -jar pgparity.jar}. */
  static LaunchCommand parse(String text) {
    List<String> words = Arrays.stream(text.strip().split(" +")).filter(w -> !w.isEmpty()).toList();
    checkArgument(
        !words.isEmpty(), "--launch needs a command, e.g. --launch \"java -jar pgparity.jar\"");
    return new LaunchCommand(words);
  }

  /** The default for this JVM: the fast launcher beside its jar, else this JVM's own command. */
  static LaunchCommand byDefault() {
    return byDefault(VerifyStartup.thisJava());
  }

  /** The default when this JVM was started with {@code java}: its words. */
  static LaunchCommand byDefault(List<String> java) {
    if (java.size() == 3 && java.get(1).equals("-jar")) {
      Path jarFolder = Path.of(java.get(2)).toAbsolutePath().getParent();
      if (jarFolder != null) {
        Path fast = jarFolder.resolve(FAST_LAUNCHER);
        if (Files.isRegularFile(fast) && Files.isExecutable(fast)) {
          return new LaunchCommand(List.of(fast.toString()));
        }
      }
    }
    return new LaunchCommand(java);
  }

  /** The command as printed: a long class path (runs from classes, as in tests) is abbreviated. */
  @Override
  public String toString() {
    List<String> shown = new java.util.ArrayList<>(words);
    int classPath = shown.indexOf("-cp") + 1;
    if (classPath > 0 && classPath < shown.size() && shown.get(classPath).length() > 80) {
      shown.set(classPath, "<this JVM's class path>");
    }
    return String.join(" ", shown);
  }
}
