package io.pgparity.shard;

import io.pgparity.connect.ServerInfo;
import io.pgparity.evidence.EvidenceKey;
import io.pgparity.evidence.Manifest;
import io.pgparity.evidence.ManifestJson;
import io.pgparity.evidence.ManifestWriter;
import io.pgparity.evidence.RunFacts;
import io.pgparity.evidence.ServerEvidence;
import io.pgparity.live.Lsn;
import io.pgparity.report.DivergenceWriter;
import io.pgparity.report.JobJsonWriter;
import io.pgparity.report.ReportWriter;
import io.pgparity.report.RunFolder;
import io.pgparity.report.RunResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Joins the run folders of a check's shards into one run folder with the files a single run writes:
 * job.json (without the shard), divergences.jsonl/csv and rechecks.jsonl, report.md, report.html,
 * summary.json (listing the shards' run ids) and manifest.json.
 */
public final class ShardMerger {

  /** How merge is used: the end of every message that refuses its run folders. */
  public static final String USE =
      "; use: pgparity merge reports/<job>/<run id>... [--out DIR] (see pgparity merge --help)";

  private static final Logger log = LoggerFactory.getLogger(ShardMerger.class);

  private ShardMerger() {}

  /**
   * Merges the shard folders into a new run folder under {@code out}; a ConfigException names the
   * reason when they are not every shard of one check, before anything is written.
   */
  public static RunResult merge(List<Path> folders, Path out, Map<String, String> env) {
    long start = System.nanoTime();
    List<ShardRun> runs = ShardSet.check(folders.stream().map(ShardRun::read).toList());
    List<RunResult> results = runs.stream().map(ShardRun::result).toList();
    RunFolder folder =
        RunFolder.create(out, runs.get(0).jobName(), Instant.now(), new SecureRandom());
    try {
      JobJsonWriter.write(runs.get(0).job(), folder.path());
      DivergenceMerge divergences;
      try (DivergenceWriter writer = DivergenceWriter.open(folder.path())) {
        divergences =
            new DivergenceMerge(
                results.get(0).tables().stream().map(t -> t.table()).toList(), writer);
        runs.forEach(divergences::add);
      }
      RunResult result = MergedResult.of(results, folder.runId(), folder.path(), Instant.now());
      new ReportWriter().writeAll(result, divergences.sample());
      Manifest manifest =
          ManifestWriter.write(
              folder.path(), facts(result, runs), EvidenceKey.fromEnvironment(env));
      log.info(
          "Merged {} shards of job {} into {}: {} divergent rows, {} rechecked rows, {}, {} files ({} ms)",
          runs.size(),
          result.run().job(),
          folder.path(),
          result.divergentRows(),
          divergences.rechecked(),
          result.status(),
          manifest.files().size(),
          (System.nanoTime() - start) / 1_000_000);
      return result;
    } catch (RuntimeException e) {
      // a folder without summary.json is an unfinished run: remove it rather than leave one behind
      deleteQuietly(folder.path());
      throw e;
    }
  }

  /**
   * The merged run's facts for manifest.json: both servers' earliest and latest WAL positions of
   * all shards.
   */
  private static RunFacts facts(RunResult result, List<ShardRun> runs) {
    List<Manifest> manifests = new ArrayList<>();
    for (ShardRun run : runs) {
      Path file = run.folder().resolve(Manifest.FILE_NAME);
      try {
        manifests.add(ManifestJson.fromTree(ManifestJson.parse(Files.readAllBytes(file))));
      } catch (IOException | RuntimeException e) {
        log.warn(
            "Leaving the WAL positions of shard {} out of manifest.json: {} cannot be read ({})",
            run.shard().label(),
            file,
            e.getMessage());
      }
    }
    return new RunFacts(
        result.run().version(),
        result.run().job(),
        result.run().runId(),
        result.startedAt(),
        result.finishedAt(),
        server(result.servers().primary(), manifests, m -> m.run().primary()),
        server(result.servers().replica(), manifests, m -> m.run().replica()));
  }

  private static ServerEvidence server(
      ServerInfo info, List<Manifest> manifests, Function<Manifest, ServerEvidence> side) {
    List<ServerEvidence> seen = manifests.stream().map(side).toList();
    Lsn start =
        seen.stream()
            .map(ServerEvidence::walAtStart)
            .filter(Objects::nonNull)
            .min(Comparator.naturalOrder())
            .orElse(null);
    Lsn end =
        seen.stream()
            .map(ServerEvidence::walAtEnd)
            .filter(Objects::nonNull)
            .max(Comparator.naturalOrder())
            .orElse(null);
    if (info != null) {
      return new ServerEvidence(info.systemIdentifier(), info.serverVersion(), start, end);
    }
    return seen.isEmpty()
        ? new ServerEvidence("unknown", "unknown", start, end)
        : new ServerEvidence(
            seen.get(0).systemIdentifier(), seen.get(0).serverVersion(), start, end);
  }

  private static void deleteQuietly(Path folder) {
    try (Stream<Path> walk = Files.walk(folder)) {
      for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      log.warn("Could not remove the unfinished merge folder {}: {}", folder, e.getMessage());
    }
  }
}
