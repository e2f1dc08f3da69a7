package io.pgparity.cli;

import static com.google.common.base.Preconditions.checkNotNull;

import io.pgparity.config.ConfigException;
import io.pgparity.config.JobFileLoader;
import io.pgparity.config.connection.PasswordResolver;
import io.pgparity.report.RunResult;
import io.pgparity.report.Verdict;
import io.pgparity.shard.NewestShards;
import io.pgparity.shard.ShardMerger;
import io.pgparity.verdict.ExitCode;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code pgparity merge <run folder>... [--out DIR]}: joins the run folders of a sharded check into
 * one report and exits with its verdict's code, as verify would have; 2 when the folders are not
 * every shard of one check.
 */
@CommandLine.Command(
    name = "merge",
    description = "join the run folders of verify --shard 0/n ... n-1/n into one report",
    customSynopsis = {
      "pgparity merge RUN_FOLDER... [--out DIR]",
      "       pgparity merge --newest-in DIR [--out DIR]"
    },
    sortOptions = false,
    descriptionHeading = "%n",
    optionListHeading = "%nOptions:%n",
    footerHeading = "%n",
    footer = {
      "Joins the run folders of a check split with verify --shard I/N (one per shard, I = 0..N-1, in any order)"
          + " into a new run folder DIR/<job>/<run id> with the files of a single run: summary.json (its shards'"
          + " run ids under \"shards\"), divergences.jsonl/csv, rechecks.jsonl, report.md, report.html, job.json"
          + " and manifest.json. Counts are summed per table and the worst status wins; the key-space strip stays"
          + " in each shard's report.html.",
      "",
      "The folders must be every shard of one check: the same job, the same job.json apart from the shard, the"
          + " same N, each shard once."
    })
public final class MergeCommand extends AbstractCommand {

  private static final String USE = ShardMerger.USE;

  private final Map<String, String> env;

  @Parameters(
      paramLabel = "RUN_FOLDER",
      arity = "0..*",
      description = "the run folder of every shard")
  private List<Path> folders = new ArrayList<>();

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "where the merged run folder goes (default reports)")
  @Example(value = "--out reports", needs = "a folder")
  private Path outFolder;

  @Option(
      names = "--newest-in",
      paramLabel = "DIR",
      description =
          "instead of RUN_FOLDER...: the run folders under"
              + " the newest folder in DIR, i.e. DIR/<newest>/<job>/<run id>, as the shards of a Kubernetes Indexed Job"
              + " write them with verify --out DIR/$(JOB_UID) (no shell needed)")
  @Example(value = "--newest-in reports", needs = "a folder")
  private Path newestIn;

  @CommandLine.Mixin private HelpOption help;

  public MergeCommand() {
    this(System.getenv());
  }

  /** For tests: the environment the evidence key is read from. */
  public MergeCommand(Map<String, String> env) {
    this.env = Map.copyOf(checkNotNull(env, "env"));
  }

  @Override
  public Map<ExitCode, String> exitCodes() {
    return ExitCodeHelp.of(
        Map.of(
            ExitCode.USAGE, "the folders are not every shard of one check (or a usage mistake)",
            ExitCode.RUNTIME_FAILURE, "a shard failed or the merge could not write"),
        ExitCode.CONSISTENT,
        ExitCode.DIVERGENT,
        ExitCode.INCOMPLETE);
  }

  @Override
  public Integer call() {
    try {
      if (folders.isEmpty() && newestIn == null) {
        throw new ConfigException(
            "merge: no run folder given; give the run folder of every shard" + USE);
      }
      if (!folders.isEmpty() && newestIn != null) {
        throw new ConfigException(
            "merge: give either run folders or --newest-in " + newestIn + ", not both" + USE);
      }
      List<Path> shards = newestIn == null ? folders : NewestShards.under(newestIn);
      RunResult result =
          ShardMerger.merge(shards, outFolder == null ? JobFileLoader.DEFAULT_OUT : outFolder, env);
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
}
