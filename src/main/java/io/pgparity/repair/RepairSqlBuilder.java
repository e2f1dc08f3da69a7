package io.pgparity.repair;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.pgparity.catalog.TableRef;
import io.pgparity.cli.Version;
import io.pgparity.compare.CompareException;
import io.pgparity.compare.Divergence;
import io.pgparity.config.ConfigException;
import io.pgparity.connect.ServerPair;
import io.pgparity.connect.Side;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds repair.sql for one target from a run's divergences: reads the target's catalog (types,
 * generated and identity columns, foreign keys), re-reads the source's rows by key in batches, and
 * writes one guarded statement per row that still differs. Only reads both servers.
 */
public final class RepairSqlBuilder {

  private static final Logger log = LoggerFactory.getLogger(RepairSqlBuilder.class);
  private static final int BATCH = 500;

  private final ServerPair pair;
  private final RepairTarget target;
  private final boolean triggers;

  public RepairSqlBuilder(ServerPair pair, RepairTarget target, boolean triggers) {
    this.pair = pair;
    this.target = target;
    this.triggers = triggers;
  }

  /**
   * Writes repair.sql into the run's folder from {@code divergences} (divergences.jsonl lines).
   * A damaged line is a {@link ConfigException}; a failing server a {@link CompareException}.
   */
  public RepairBuild build(RepairRun run, Path divergences) {
    long start = System.nanoTime();
    Map<TableRef, Long> tables = scan(run, divergences);
    List<TableRef> names = List.copyOf(tables.keySet());
    Map<TableRef, TableFacts> targetFacts = facts(target.side(), names);
    Map<TableRef, TableFacts> sourceFacts = facts(target.source(), names);
    TableOrder order = names.isEmpty() ? TableOrder.of(names, List.of())
        : TableOrder.of(names, pair.on(target.side(), "read foreign keys for repair", (c, s) -> ForeignKeys.among(c, names)));
    RepairHeader header = new RepairHeader(run.job(), run.runId(), target, triggers, run.url(target.side()),
        run.url(target.source()), Instant.now().truncatedTo(ChronoUnit.SECONDS), Version.current());
    Tally tally = new Tally();
    try (RepairSqlWriter writer = new RepairSqlWriter(run.folder())) {
      for (TableRef table : order.parentsFirst()) {
        List<Divergence> batch = new ArrayList<>();
        forEach(run, divergences, d -> {
          if (d.table().equals(table)) {
            batch.add(d);
            if (batch.size() == BATCH) {
              repairBatch(targetFacts.get(table), sourceFacts.get(table), batch, writer, tally);
              batch.clear();
            }
          }
        });
        if (!batch.isEmpty()) {
          repairBatch(targetFacts.get(table), sourceFacts.get(table), batch, writer, tally);
        }
      }
      Path file = writer.finish(header, order);
      RepairCounts counts = writer.counts();
      long total = tables.values().stream().mapToLong(Long::longValue).sum();
      log.info("Built repair.sql for the {}: {} statements ({}) from {} divergent rows of {} tables, {} need nothing now,"
              + " {} ambiguous; triggers {} ({} ms)", target.label(), counts.total(), counts.describe(), total,
          tables.size(), tally.agreeing, tally.ambiguous, triggers ? "on" : "off", (System.nanoTime() - start) / 1_000_000);
      return new RepairBuild(file, target, counts, total, tally.agreeing, tally.ambiguous);
    }
  }

  /** Rows that needed no statement, by reason; a running count over one build. */
  private static final class Tally {
    long agreeing;
    long ambiguous;
  }

  /** Re-reads the batch's source rows and writes a statement for each row that still differs. */
  private void repairBatch(TableFacts onTarget, TableFacts onSource, List<Divergence> rows, RepairSqlWriter writer, Tally tally) {
    List<String> key = List.copyOf(rows.get(0).key().keySet());
    SourceRows reader = new SourceRows(onSource, key);
    List<Map<String, String>> keys = rows.stream().map(Divergence::key).toList();
    List<SourceRows.Found> found = pair.on(target.source(), "re-read " + onSource.table() + " for repair",
        (connection, side) -> reader.read(connection, keys));
    RowRepair decide = new RowRepair(onTarget, key);
    for (int i = 0; i < rows.size(); i++) {
      if (found.get(i).ambiguous()) {
        // a key the user vouched for that is not unique: no single row to copy
        tally.ambiguous++;
        continue;
      }
      Optional<RepairStatement> statement = decide.decide(target.seen(rows.get(i)), found.get(i).row());
      if (statement.isPresent()) {
        writer.add(statement.get());
      } else {
        tally.agreeing++;
      }
    }
  }

  private Map<TableRef, TableFacts> facts(Side side, List<TableRef> tables) {
    return pair.on(side, "read the catalog for repair", (connection, s) -> {
      Map<TableRef, TableFacts> facts = new LinkedHashMap<>();
      for (TableRef table : tables) {
        facts.put(table, CatalogFacts.read(connection, table).orElseThrow(() -> new CompareException(
            table + ": no longer exists on the " + side.label() + "; verify again before repairing")));
      }
      return facts;
    });
  }

  /** The tables with divergences, in order of first appearance, with their number of rows. */
  private static Map<TableRef, Long> scan(RepairRun run, Path divergences) {
    Map<TableRef, Long> tables = new LinkedHashMap<>();
    forEach(run, divergences, d -> tables.merge(d.table(), 1L, Long::sum));
    return tables;
  }

  private static void forEach(RepairRun run, Path divergences, Consumer<Divergence> action) {
    try (BufferedReader reader = Files.newBufferedReader(divergences, UTF_8)) {
      String line;
      int number = 0;
      while ((line = reader.readLine()) != null) {
        number++;
        if (line.isBlank()) {
          continue;
        }
        Divergence divergence;
        try {
          divergence = DivergenceLines.parse(line, run.tables());
        } catch (IllegalArgumentException e) {
          throw new ConfigException(divergences + " line " + number + ": " + e.getMessage()
              + "; the run folder is damaged: verify again with --repair-sql");
        }
        action.accept(divergence);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + divergences.toAbsolutePath() + " (" + e.getMessage()
          + "); check that the run folder is complete and readable", e);
    }
  }
}
