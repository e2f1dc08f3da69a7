package io.pgparity.repair;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.pgparity.catalog.TablePlan;
import io.pgparity.catalog.TableSchema;
import io.pgparity.compare.Divergence;
import io.pgparity.config.ConfigException;
import io.pgparity.connect.ServerPair;
import io.pgparity.connect.Side;
import io.pgparity.failure.CompareException;
import io.pgparity.report.DivergenceLine;
import io.pgparity.report.SummaryJson;
import io.pgparity.sequence.SequenceResult;
import io.pgparity.table.TableRef;
import io.pgparity.version.Version;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds repair.sql for one target from a run's divergences: reads the target's catalog (types,
 * generated and identity columns, foreign keys), re-reads both sides' rows of the divergent keys in
 * batches (every copy, NULL keys included), and writes one guarded statement per row or copy that
 * still differs. Only reads both servers.
 */
public final class RepairSqlBuilder {

  private static final Logger log = LoggerFactory.getLogger(RepairSqlBuilder.class);

  /** Keys re-read per query on each side. */
  private static final int BATCH = 500;

  /** About how many divergences of one table are held at once, grouped by key. */
  private static final long DIVERGENCES_IN_MEMORY = 50_000;

  private final ServerPair pair;
  private final RepairTarget target;
  private final boolean triggers;

  public RepairSqlBuilder(ServerPair pair, RepairTarget target, boolean triggers) {
    this.pair = pair;
    this.target = target;
    this.triggers = triggers;
  }

  /**
   * Writes repair.sql into the run's folder from {@code divergences} (divergences.jsonl lines). A
   * damaged line is a {@link ConfigException}; a failing server a {@link CompareException}.
   */
  public RepairBuild build(RepairRun run, Path divergences) {
    return build(
        run, divergences, SummaryJson.sequences(run.folder().resolve(SummaryJson.FILE_NAME)));
  }

  /**
   * As {@link #build(RepairRun, Path)}, with the run's sequences given (verify, before
   * summary.json).
   */
  public RepairBuild build(RepairRun run, Path divergences, List<SequenceResult> sequences) {
    long start = System.nanoTime();
    Map<TableRef, Long> tables = scan(run, divergences);
    List<TableRef> names = List.copyOf(tables.keySet());
    Map<TableRef, TableSchema> targetFacts = facts(target.side(), names);
    Map<TableRef, TableSchema> sourceFacts = facts(target.source(), names);
    TableOrder order =
        names.isEmpty()
            ? TableOrder.of(names, List.of())
            : TableOrder.of(
                names,
                pair.on(
                    target.side(),
                    "read foreign keys for repair",
                    (c, s) -> ForeignKeys.among(c, names)));
    RepairHeader header =
        new RepairHeader(
            run.job(),
            run.runId(),
            target,
            triggers,
            run.url(target.side()),
            run.url(target.source()),
            Instant.now().truncatedTo(ChronoUnit.SECONDS),
            Version.current());
    Tally tally = new Tally();
    try (RepairSqlWriter writer = new RepairSqlWriter(run.folder())) {
      for (TableRef table : order.parentsFirst()) {
        // all of a key's divergences must be decided together: the table's keys are split by hash
        // into parts small enough to hold, and the file is read once per part
        long parts =
            Math.max(1, (tables.get(table) + DIVERGENCES_IN_MEMORY - 1) / DIVERGENCES_IN_MEMORY);
        for (long part = 0; part < parts; part++) {
          long wanted = part;
          Map<List<String>, List<Divergence>> byKey = new LinkedHashMap<>();
          boolean keyless = keyless(sourceFacts.get(table), targetFacts.get(table));
          forEach(
              run,
              divergences,
              d -> {
                boolean byRowHash = keyless && d.key().keySet().equals(Set.of(TablePlan.ROW_HASH));
                List<String> key = byRowHash ? valuesOf(d) : keyOf(d);
                if (d.table().equals(table) && Math.floorMod(key.hashCode(), parts) == wanted) {
                  byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(d);
                }
              });
          List<List<Divergence>> batch = new ArrayList<>();
          for (List<Divergence> reported : byKey.values()) {
            batch.add(reported);
            if (batch.size() == BATCH) {
              repairBatch(targetFacts.get(table), sourceFacts.get(table), batch, writer, tally);
              batch.clear();
            }
          }
          if (!batch.isEmpty()) {
            repairBatch(targetFacts.get(table), sourceFacts.get(table), batch, writer, tally);
          }
        }
      }
      // sequences are repaired on the replica only: a primary is never set back to a replica's
      // value
      List<String> sequenceLines =
          target == RepairTarget.REPLICA ? SequenceRepair.lines(sequences) : List.of();
      Path file = writer.finish(header, order, sequenceLines);
      RepairCounts counts = writer.counts();
      long total = tables.values().stream().mapToLong(Long::longValue).sum();
      log.info(
          "Built repair.sql for the {}: {} statements ({}) from {} divergent rows of {} tables, {} need nothing now,"
              + " {} target rows left alone; triggers {} ({} ms)",
          target.label(),
          counts.total(),
          counts.describe(),
          total,
          tables.size(),
          tally.agreeing,
          tally.leftAlone,
          triggers ? "on" : "off",
          (System.nanoTime() - start) / 1_000_000);
      return new RepairBuild(file, target, counts, total, tally.agreeing, tally.leftAlone);
    }
  }

  /** Rows that needed no statement, by reason; a running count over one build. */
  private static final class Tally {
    long agreeing;
    long leftAlone;
  }

  /**
   * True for a table verify compared without a key: its divergences are keyed by the row hash,
   * which is no column of the table (the planner refuses a keyless table that has one).
   */
  private static boolean keyless(TableSchema source, TableSchema target) {
    return source.column(TablePlan.ROW_HASH).isEmpty()
        && target.column(TablePlan.ROW_HASH).isEmpty();
  }

  /**
   * A keyless table's row: its values in column order. Rows are grouped by them, not by the row
   * hash, so two rows sharing a 64-bit hash are still repaired apart.
   */
  private static List<String> valuesOf(Divergence d) {
    Map<String, String> values = d.primary() != null ? d.primary() : d.replica();
    return Collections.unmodifiableList(new ArrayList<>(values.values()));
  }

  /** The key's values in key order; SQL NULL stays null (so not List.of). */
  private static List<String> keyOf(Divergence d) {
    return Collections.unmodifiableList(new ArrayList<>(d.key().values()));
  }

  /**
   * Re-reads the batch's keys on both sides, every copy, and writes the statements that make the
   * target's rows of each key equal the source's.
   */
  private void repairBatch(
      TableSchema onTarget,
      TableSchema onSource,
      List<List<Divergence>> reported,
      RepairSqlWriter writer,
      Tally tally) {
    Divergence first = reported.get(0).get(0);
    if (first.key().keySet().equals(Set.of(TablePlan.ROW_HASH)) && keyless(onSource, onTarget)) {
      repairKeyless(onTarget, onSource, reported, writer, tally);
      return;
    }
    List<String> key = List.copyOf(first.key().keySet());
    List<String> match = new ArrayList<>(key);
    Map<String, String> compared = first.primary() != null ? first.primary() : first.replica();
    compared.keySet().stream()
        .filter(c -> !match.contains(c) && onSource.column(c).isPresent())
        .forEach(match::add);
    List<List<String>> keys = reported.stream().map(r -> keyOf(r.get(0))).toList();
    RowsByKey sourceReader = new RowsByKey(onSource, key);
    RowsByKey targetReader = new RowsByKey(onTarget, key, match);
    List<List<Map<String, String>>> sourceRows =
        pair.on(
            target.source(),
            "re-read " + onSource.table() + " for repair",
            (connection, side) -> sourceReader.read(connection, keys));
    List<List<Map<String, String>>> targetRows =
        pair.on(
            target.side(),
            "re-read " + onTarget.table() + " for repair",
            (connection, side) -> targetReader.read(connection, keys));
    KeyRepair decide = new KeyRepair(onTarget, target, key, match);
    for (int i = 0; i < reported.size(); i++) {
      KeyRepair.Outcome outcome =
          decide.repair(reported.get(i), targetRows.get(i), sourceRows.get(i));
      outcome.statements().forEach(writer::add);
      tally.agreeing += outcome.agreeing();
      tally.leftAlone += outcome.leftAlone();
    }
  }

  /**
   * Repairs rows of a table verify compared without a key: each group is one row's identical
   * copies, read on both sides by their exact values, and the statements insert or delete single
   * copies, each guarded by the number of copies the target holds.
   */
  private void repairKeyless(
      TableSchema onTarget,
      TableSchema onSource,
      List<List<Divergence>> reported,
      RepairSqlWriter writer,
      Tally tally) {
    Divergence first = reported.get(0).get(0);
    Map<String, String> compared = first.primary() != null ? first.primary() : first.replica();
    List<String> match =
        compared.keySet().stream().filter(c -> onSource.column(c).isPresent()).toList();
    List<List<String>> keys = new ArrayList<>();
    for (List<Divergence> copies : reported) {
      Divergence d = copies.get(0);
      Map<String, String> values = d.primary() != null ? d.primary() : d.replica();
      List<String> key = new ArrayList<>();
      match.forEach(c -> key.add(values.get(c)));
      keys.add(Collections.unmodifiableList(key));
    }
    RowsByKey sourceReader =
        RowsByKey.byValues(
            onSource, match, onSource.columns().stream().map(c -> c.name()).toList());
    RowsByKey targetReader = RowsByKey.byValues(onTarget, match, match);
    List<List<Map<String, String>>> sourceRows =
        pair.on(
            target.source(),
            "re-read " + onSource.table() + " for repair",
            (connection, side) -> sourceReader.read(connection, keys));
    List<List<Map<String, String>>> targetRows =
        pair.on(
            target.side(),
            "re-read " + onTarget.table() + " for repair",
            (connection, side) -> targetReader.read(connection, keys));
    KeyRepair decide = KeyRepair.keyless(onTarget, target, match);
    for (int i = 0; i < reported.size(); i++) {
      KeyRepair.Outcome outcome =
          decide.repair(reported.get(i), targetRows.get(i), sourceRows.get(i));
      outcome.statements().forEach(writer::add);
      tally.agreeing += outcome.agreeing();
      tally.leftAlone += outcome.leftAlone();
    }
  }

  private Map<TableRef, TableSchema> facts(Side side, List<TableRef> tables) {
    return pair.on(
        side,
        "read the catalog for repair",
        (connection, s) -> {
          Map<TableRef, TableSchema> facts = new LinkedHashMap<>();
          for (TableRef table : tables) {
            facts.put(
                table,
                CatalogFacts.read(connection, table)
                    .orElseThrow(
                        () ->
                            new CompareException(
                                table
                                    + ": no longer exists on the "
                                    + side.label()
                                    + "; verify again before repairing")));
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
          divergence = DivergenceLine.parse(line).divergence(run.tables());
        } catch (IllegalArgumentException e) {
          throw new ConfigException(
              divergences
                  + " line "
                  + number
                  + ": "
                  + e.getMessage()
                  + "; the run folder is damaged: verify again with --repair-sql");
        }
        action.accept(divergence);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read "
              + divergences.toAbsolutePath()
              + " ("
              + e.getMessage()
              + "); check that the run folder is complete and readable",
          e);
    }
  }
}
