package io.pgparity.cli;

import io.pgparity.shard.MergeOptions;
import io.pgparity.shard.ShardMerger;
import io.pgparity.shard.NewestShards;

import static com.google.common.base.Preconditions.checkNotNull;

import io.pgparity.cli.Command;
import io.pgparity.verdict.ExitCode;
import io.pgparity.config.ConfigException;
import io.pgparity.config.connection.PasswordResolver;
import io.pgparity.report.RunResult;
import io.pgparity.report.Verdict;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code pgparity merge <run folder>... [--out DIR]}: joins the run folders of a sharded check into
 * one report and exits with its verdict's code, as verify would have; 2 when the folders are not
 * every shard of one check.
 */
public final class MergeCommand implements Command {

  private final Map<String, String> env;

  public MergeCommand() {
    this(System.getenv());
  }

  /** For tests: the environment the evidence key is read from. */
  public MergeCommand(Map<String, String> env) {
    this.env = Map.copyOf(checkNotNull(env, "env"));
  }

  @Override
  public String name() {
    return "merge";
  }

  @Override
  public String summary() {
    return "join the run folders of verify --shard 0/n ... n-1/n into one report";
  }

  @Override
  public int run(List<String> args, PrintStream out, PrintStream err) {
    try {
      MergeOptions options = MergeOptions.parse(args);
      if (options.help()) {
        out.print(usage());
        return ExitCode.CONSISTENT.code();
      }
      List<Path> folders = options.newestIn() == null ? options.folders() : NewestShards.under(options.newestIn());
      RunResult result = ShardMerger.merge(folders, options.out(), env);
      // scripts read the last line: nothing may be printed on out after the verdict
      out.println(Verdict.line(result));
      return ExitCode.of(result.status()).code();
    } catch (ConfigException e) {
      err.println("pgparity: " + e.getMessage());
      return ExitCode.USAGE.code();
    } catch (UncheckedIOException e) {
      err.println("pgparity: merge failed: " + PasswordResolver.redact(e.getMessage()));
      return ExitCode.RUNTIME_FAILURE.code();
    } finally {
      out.flush();
      err.flush();
    }
  }

  /** The text of {@code pgparity merge --help}. */
  static String usage() {
    return String.join(
        "\n",
        "Usage: pgparity merge RUN_FOLDER... [--out DIR]",
        "       pgparity merge --newest-in DIR [--out DIR]",
        "",
        "Joins the run folders of a check split with verify --shard I/N (one per shard, I = 0..N-1,",
        "in any order) into a new run folder DIR/<job>/<run id> with the files of a single run:",
        "summary.json (its shards' run ids under \"shards\"), divergences.jsonl/csv, rechecks.jsonl,",
        "report.md, report.html, job.json and manifest.json. Counts are summed per table and the",
        "worst status wins; the key-space strip stays in each shard's report.html.",
        "",
        "Options:",
        "  --out DIR     where the merged run folder goes (default reports)",
        "  --newest-in DIR",
        "                instead of RUN_FOLDER...: the run folders under the newest folder in DIR,",
        "                i.e. DIR/<newest>/<job>/<run id>, as the shards of a Kubernetes Indexed",
        "                Job write them with verify --out DIR/$(JOB_UID) (no shell needed)",
        "  --help, -h    this text",
        "",
        "The folders must be every shard of one check: the same job, the same job.json apart from",
        "the shard, the same N, each shard once.",
        "Exit codes: 0 consistent, 1 divergent, 2 the folders are not every shard of one check (or a",
        "usage mistake), 3 a shard failed or the merge could not write, 4 incomplete.",
        "");
  }
}
