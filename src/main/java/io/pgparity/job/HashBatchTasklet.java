package io.pgparity.job;

import io.pgparity.catalog.TablePlan;
import io.pgparity.connect.Both;
import io.pgparity.connect.FailureKind;
import io.pgparity.connect.Side;
import io.pgparity.failure.CompareException;
import io.pgparity.guard.RunStoppedException;
import io.pgparity.hashing.BucketHasher;
import io.pgparity.hashing.BucketSum;
import io.pgparity.hashing.HashSlice;
import io.pgparity.hashing.TableBatchHasher;
import io.pgparity.live.Lsn;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Worker of step hashRanges for a batch of small tables (see {@link HashUnit}): hashes them whole
 * with one query per side ({@link TableBatchHasher}), both sides at once, and keeps each table's
 * sums in the partition's context under the table's prefix ({@link HashCheckpoint#prefix}), as a
 * slice partition keeps its one table's. A batch that hits the statement timeout is hashed table by
 * table instead, where a slow table is split as any slice is.
 */
final class HashBatchTasklet implements Tasklet {

  private static final Logger log = LoggerFactory.getLogger(HashBatchTasklet.class);

  private final InMemoryRunState state;
  private final List<Integer> indexes;
  private final List<TableState> tables;

  HashBatchTasklet(InMemoryRunState state, List<Integer> indexes) {
    this.state = state;
    this.indexes = List.copyOf(indexes);
    this.tables = indexes.stream().map(state::table).toList();
  }

  @Override
  public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
    StepExecution step = chunkContext.getStepContext().getStepExecution();
    ExecutionContext context = step.getExecutionContext();
    long start = System.nanoTime();
    AtomicReference<Lsn> hashedAt = new AtomicReference<>();
    Both<Map<Integer, Map<Integer, BucketSum>>> sums;
    try {
      sums = hash(hashedAt);
    } catch (RunStoppedException e) {
      tables.forEach(t -> t.incomplete(e.getMessage()));
      // the partition must not end COMPLETED: a resumed run hashes these tables again
      step.setTerminateOnly();
      return RepeatStatus.FINISHED;
    } catch (CompareException e) {
      if (!IncompleteTableFailures.contains(e)) {
        throw e;
      }
      for (int i = 0; i < tables.size(); i++) {
        tables.get(i).incomplete(e.getMessage());
        HashCheckpoint.unjudged(e.getMessage())
            .writeTo(context, HashCheckpoint.prefix(indexes.get(i)));
      }
      log.warn("{} small tables: {}", tables.size(), e.getMessage());
      return RepeatStatus.FINISHED;
    }
    long end = System.nanoTime();
    long rows = 0;
    for (int i = 0; i < tables.size(); i++) {
      TableState table = tables.get(i);
      Both<Map<Integer, BucketSum>> tableSums =
          new Both<>(
              sums.primary().getOrDefault(i, Map.of()), sums.replica().getOrDefault(i, Map.of()));
      table.addSums(tableSums);
      table.hashedAt(hashedAt.get());
      HashCheckpoint.hashed(tableSums, hashedAt.get())
          .writeTo(context, HashCheckpoint.prefix(indexes.get(i)));
      table.worked(start, end);
      long tableRows = rows(tableSums.primary());
      table.progress.hashed(tableRows, end);
      table.sliceHashed();
      rows += tableRows;
    }
    log.debug(
        "Hashed {} small tables ({} to {}): {} rows on the primary ({} ms)",
        tables.size(),
        tables.get(0).plan.table(),
        tables.get(tables.size() - 1).plan.table(),
        rows,
        (end - start) / 1_000_000);
    return RepeatStatus.FINISHED;
  }

  private Both<Map<Integer, Map<Integer, BucketSum>>> hash(AtomicReference<Lsn> hashedAt) {
    List<TablePlan> plans = tables.stream().map(t -> t.plan).toList();
    TableBatchHasher hasher = new TableBatchHasher(plans);
    RunPacer pacer = state.replication().pacer();
    return state
        .pair()
        .onBoth(
            TableSizes.label(plans.stream().map(TablePlan::table).toList()),
            (c, s) -> {
              pacer.beforeQuery();
              Map<Integer, Map<Integer, BucketSum>> hashed;
              try {
                hashed = hasher.hash(c);
                pacer.afterQuery(
                    s,
                    hashed.values().stream()
                        .flatMap(m -> m.values().stream())
                        .mapToLong(BucketSum::rows)
                        .sum());
              } catch (SQLException e) {
                if (FailureKind.of(e) != FailureKind.TIMEOUT) {
                  throw e;
                }
                log.warn(
                    "{} small tables from {}: statement timeout; hashing them one by one",
                    plans.size(),
                    plans.get(0).table());
                // paced per table by BucketHasher itself
                hashed = oneByOne(c, s, pacer);
              }
              if (s == Side.PRIMARY) {
                // after the hash, in its transaction: the replica must pass this before the diff
                hashedAt.set(state.catchUp().primaryPosition(c));
              }
              return hashed;
            });
  }

  private Map<Integer, Map<Integer, BucketSum>> oneByOne(Connection c, Side side, RunPacer pacer)
      throws SQLException {
    Map<Integer, Map<Integer, BucketSum>> hashed = new HashMap<>();
    for (int i = 0; i < tables.size(); i++) {
      TableState table = tables.get(i);
      hashed.put(
          i,
          new BucketHasher(table.plan)
              .hash(
                  c,
                  List.of(),
                  new HashSlice(0, 1),
                  table.heapBlocks.get(side),
                  side,
                  pacer,
                  table.pieceSize(side, pacer.target())));
    }
    return hashed;
  }

  private static long rows(Map<Integer, BucketSum> sums) {
    return sums.values().stream().mapToLong(BucketSum::rows).sum();
  }
}
