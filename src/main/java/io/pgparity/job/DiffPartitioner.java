package io.pgparity.job;

import io.pgparity.compare.BucketPassDiffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * Hands the ranges whose hashes differ to the diff workers: per table, the mismatched ranges are
 * dealt round-robin into at most {@code gridSize} partitions so large diffs use every thread.
 */
final class DiffPartitioner implements Partitioner {

  private static final Logger log = LoggerFactory.getLogger(DiffPartitioner.class);

  private final List<TableState> tables;

  /** The run folder's id: the partitions of each run have names of their own. */
  private final String runId;

  DiffPartitioner(List<TableState> tables, String runId) {
    this.tables = tables;
    this.runId = runId;
  }

  @Override
  public Map<String, ExecutionContext> partition(int gridSize) {
    Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
    for (int t = 0; t < tables.size(); t++) {
      TableState table = tables.get(t);
      if (!table.comparable()) {
        continue;
      }
      if (table.incompleteReason() != null) {
        // partial sums would pass for divergences
        log.info("Not diffing {}: {}", table.plan.table(), table.incompleteReason());
        continue;
      }
      List<Integer> mismatched = table.mismatchedRanges();
      boolean worthALine = !mismatched.isEmpty() || tables.size() <= WriteReportsTasklet.FEW_TABLES;
      log.atLevel(worthALine ? Level.INFO : Level.DEBUG)
          .log(
              "Hashed {}: {} rows on the primary, {} on the replica, {} of {} ranges differ ({} s)",
              table.plan.table(),
              table.rows(true),
              table.rows(false),
              mismatched.size(),
              table.ranges(),
              String.format(java.util.Locale.ROOT, "%.1f", table.seconds()));
      // small ranges are diffed in batches of one query per side, so split only large diffs;
      // a diff that reads the whole table reads it once, so it stays in one partition
      int groups =
          table.diffPass(mismatched).wholeTable()
              ? Math.min(1, mismatched.size())
              : Math.min(
                  gridSize,
                  (mismatched.size() + BucketPassDiffer.RANGES_PER_PASS - 1)
                      / BucketPassDiffer.RANGES_PER_PASS);
      List<List<Integer>> dealt = new ArrayList<>();
      for (int g = 0; g < groups; g++) {
        dealt.add(new ArrayList<>());
      }
      for (int i = 0; i < mismatched.size(); i++) {
        dealt.get(i % groups).add(mismatched.get(i));
      }
      table.diffsDealt(groups);
      for (int g = 0; g < groups; g++) {
        ExecutionContext context = new ExecutionContext();
        context.putInt(ContextKeys.TABLE, t);
        context.putString(
            ContextKeys.RANGES,
            dealt.get(g).stream().map(String::valueOf).collect(Collectors.joining(",")));
        // named per run: a resumed run diffs again from its own sums, never a stopped run's ranges
        partitions.put("diff-" + runId + "-t" + t + "-g" + g, context);
      }
    }
    return partitions;
  }
}
