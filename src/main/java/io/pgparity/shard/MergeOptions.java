package io.pgparity.shard;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import io.pgparity.config.ConfigException;
import io.pgparity.config.JobFileLoader;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The arguments of {@code pgparity merge <run folder>... [--out DIR]}: the shard run folders in any
 * order and where the merged run folder goes; or {@code --newest-in DIR} instead of the folders
 * (null when not given), for a Kubernetes Job whose image has no shell to expand a glob.
 */
public record MergeOptions(List<Path> folders, Path newestIn, Path out, boolean help) {

  static final String USE = "; use: pgparity merge reports/<job>/<run id>... [--out DIR] (see pgparity merge --help)";

  public MergeOptions {
    folders = List.copyOf(folders);
    checkNotNull(out, "out");
    checkArgument(help || !folders.isEmpty() || newestIn != null, "merge needs at least one run folder");
  }

  /** The options, or a ConfigException whose one-line message names the mistake and the fix. */
  public static MergeOptions parse(List<String> args) {
    if (args.contains("--help") || args.contains("-h")) {
      return new MergeOptions(List.of(), null, JobFileLoader.DEFAULT_OUT, true);
    }
    List<Path> folders = new ArrayList<>();
    Path out = null;
    Path newestIn = null;
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      String option = arg.startsWith("--out") ? "--out" : arg.startsWith("--newest-in") ? "--newest-in" : null;
      if (option != null && (arg.equals(option) || arg.startsWith(option + "="))) {
        String value = arg.equals(option) ? (i + 1 < args.size() ? args.get(++i) : "") : arg.substring(option.length() + 1);
        if (value.isBlank() || value.startsWith("--")) {
          throw new ConfigException("merge: " + option + " needs a folder, e.g. " + option + " reports");
        }
        if ((option.equals("--out") ? out : newestIn) != null) {
          throw new ConfigException("merge: " + option + " is given twice; give it once");
        }
        if (option.equals("--out")) {
          out = path(value, option);
        } else {
          newestIn = path(value, option);
        }
      } else if (arg.startsWith("-")) {
        throw new ConfigException("merge: unknown option '" + arg + "'; valid options: --out, --newest-in, --help"
            + " (write ./" + arg + " for a folder whose name starts with -)");
      } else {
        folders.add(path(arg, "run folder"));
      }
    }
    if (folders.isEmpty() && newestIn == null) {
      throw new ConfigException("merge: no run folder given; give the run folder of every shard" + USE);
    }
    if (!folders.isEmpty() && newestIn != null) {
      throw new ConfigException("merge: give either run folders or --newest-in " + newestIn + ", not both" + USE);
    }
    return new MergeOptions(folders, newestIn, out == null ? JobFileLoader.DEFAULT_OUT : out, false);
  }

  private static Path path(String value, String what) {
    try {
      return Path.of(value);
    } catch (InvalidPathException e) {
      throw new ConfigException("merge: " + what + " '" + value + "' is not a valid path: " + e.getReason());
    }
  }
}
