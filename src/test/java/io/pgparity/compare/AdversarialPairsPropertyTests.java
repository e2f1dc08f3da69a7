package io.pgparity.compare;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgparity.demo.EmbeddedPair;
import io.pgparity.testing.TestServers;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Random tables full of adversarial values ({@link AdversarialValue}: every cell is one side of a
 * twin, so the traps are present identically on both sides too), where the replica gets, at random,
 * a cell's twin, two rows swapping a value, a missing row, a row the primary lacks, and, on replica
 * tables created without the primary's key, surplus copies of a key (identical or not) and rows
 * whose key is NULL. Each table is verified in its own run, at a random range size, and must show
 * exactly the divergences both sides' stored rows imply.
 *
 * <p>Each run draws new seeds and prints them; {@code -Dpgparity.seed=N} replays one.
 */
class AdversarialPairsPropertyTests {

  private static final Logger log = LoggerFactory.getLogger(AdversarialPairsPropertyTests.class);

  private static final int SEEDS = 2;
  private static final int[] CHUNK_ROWS = {13, 64, 500, 10_000};
  private static final int BATCH = 250;

  private static EmbeddedPair pair;
  private static String schema;

  @TempDir Path out;

  @BeforeAll
  static void createSchema() {
    pair = TestServers.pair();
    schema = TestServers.uniqueSchema("adversarial_pairs");
    pair.execBoth(String.format(Locale.ROOT, AdversarialValue.COMPOSITE_DDL, schema));
  }

  @AfterAll
  static void dropSchema() {
    if (schema != null) {
      TestServers.dropSchema(schema);
    }
  }

  static Stream<Long> seeds() {
    String replay = System.getProperty("pgparity.seed");
    if (replay != null) {
      return Stream.of(Long.parseLong(replay.trim()));
    }
    long first = new Random().nextLong();
    return LongStream.range(0, SEEDS).map(i -> first + i).boxed();
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void everyAdversarialDriftIsReportedExactly(long seed) {
    System.out.println(
        "AdversarialPairsPropertyTests seed " + seed + " (replay: -Dpgparity.seed=" + seed + ")");
    log.info("seed {} (replay with -Dpgparity.seed={})", seed, seed);
    Random random = new Random(seed);
    String suffix = Long.toUnsignedString(seed, 36);
    List<AdversarialValue> all = Arrays.asList(AdversarialValue.values());
    List<AdversarialValue> some = new ArrayList<>(all);
    Collections.shuffle(some, random);
    some = List.copyOf(some.subList(0, 5));
    Table keyed = new Table(schema + ".keyed_" + suffix, List.of("id"), all, true, random);
    Table loose = new Table(schema + ".loose_" + suffix, List.of("id"), all, false, random);
    Table composite =
        new Table(schema + ".composite_" + suffix, List.of("a", "b"), some, false, random);
    keyed.fill(4_200);
    loose.fill(4_200);
    composite.fill(1_500);
    // every table is verified before failing, so one seed shows every family it gets wrong
    List<String> failures = new ArrayList<>();
    for (Table table : List.of(keyed, loose, composite)) {
      try {
        verify(
            table,
            CHUNK_ROWS[random.nextInt(CHUNK_ROWS.length)],
            "seed " + seed + ", " + table.name);
      } catch (AssertionError e) {
        failures.add(e.getMessage());
      } finally {
        TestServers.exec(pair.primary(), "DROP TABLE IF EXISTS " + table.name);
        TestServers.exec(pair.replica(), "DROP TABLE IF EXISTS " + table.name);
      }
    }
    assertThat(failures).as("seed %s (replay with -Dpgparity.seed=%s)", seed, seed).isEmpty();
  }

  private void verify(Table table, int chunkRows, String context) {
    table.load();
    ExpectedDivergences expected =
        ExpectedDivergences.of(
            table.name,
            StoredRows.read(pair.primary(), table.name, table.key),
            StoredRows.read(pair.replica(), table.name, table.key));
    assertThat(expected.keyKinds())
        .as("%s: the fixture's divergences as drawn", context)
        .isEqualTo(table.modelled);
    long start = System.nanoTime();
    VerifyRun run =
        VerifyRun.launch(
            pair.primaryUrl(), pair.replicaUrl(), out, chunkRows, List.of(table.name), context);
    log.info(
        "{}: {} modelled divergences; {} ({} ms)",
        context,
        expected.first().size(),
        run.outcome.verdict(),
        (System.nanoTime() - start) / 1_000_000);
    run.assertExpectedOfEveryTable(List.of(expected.resolve(run)));
  }

  /**
   * A table on both sides and the rows each gets. Every non-key cell holds one side of a drawn
   * twin; the replica's drift uses the other side, so what the replica holds instead looks alike to
   * a type hash. Different SQL texts here always store different values, so the model knows the
   * exact (key, kind) divergences before the servers are asked.
   */
  private static final class Table {

    final String name;
    final List<String> key;
    final List<AdversarialValue> values;
    final boolean replicaKeyed;
    final Random random;
    final List<String[]> primary = new ArrayList<>();
    final List<String[]> replica = new ArrayList<>();
    final Map<String, Long> modelled = new HashMap<>();

    Table(
        String name,
        List<String> key,
        List<AdversarialValue> values,
        boolean replicaKeyed,
        Random random) {
      this.name = name;
      this.key = key;
      this.values = values;
      this.replicaKeyed = replicaKeyed;
      this.random = random;
    }

    void fill(int rows) {
      List<String[]> twins = new ArrayList<>();
      for (int i = 0; i < rows; i++) {
        String[] row = new String[key.size() + values.size()];
        String[] other = new String[row.length];
        if (key.size() == 1) {
          row[0] = Long.toString(i * 3L + random.nextInt(3));
        } else {
          row[0] = Integer.toString(random.nextInt(40));
          row[1] = Cell.quote("k" + i);
        }
        for (int c = 0; c < values.size(); c++) {
          AdversarialValue.Twin twin = values.get(c).draw(random, schema);
          boolean isNull = random.nextInt(20) == 0;
          row[key.size() + c] = isNull ? "NULL" : twin.a();
          other[key.size() + c] = isNull ? twin.a() : twin.b();
        }
        primary.add(row);
        twins.add(other);
      }
      for (int i = 0; i < rows; i++) {
        String[] row = primary.get(i);
        int draw = random.nextInt(1_000);
        if (draw < 40) {
          // the twin of one or two cells
          String[] changed = row.clone();
          for (int n = 0; n < 1 + random.nextInt(2); n++) {
            int c = key.size() + random.nextInt(values.size());
            changed[c] = twins.get(i)[c];
          }
          replica.add(changed);
          model(row, "CHANGED");
        } else if (draw < 45) {
          model(row, "MISSING_ON_REPLICA");
        } else if (draw < 55 && i + 1 < rows) {
          // this row and the next swap a value in one column
          String[] next = primary.get(i + 1);
          int c = key.size() + random.nextInt(values.size());
          String[] first = row.clone();
          String[] second = next.clone();
          first[c] = next[c];
          second[c] = row[c];
          replica.add(first);
          replica.add(second);
          if (!row[c].equals(next[c])) {
            model(row, "CHANGED");
            model(next, "CHANGED");
          }
          i++;
        } else {
          replica.add(row);
          if (!replicaKeyed && draw < 70) {
            surplus(row, twins.get(i));
          }
        }
      }
      // rows the primary does not have: keys beyond and between the primary's
      for (int n = 0; n < 3 + random.nextInt(5); n++) {
        String[] row = primary.get(random.nextInt(rows)).clone();
        if (key.size() == 1) {
          row[0] = Long.toString(random.nextBoolean() ? rows * 3L + n : -1 - n);
        } else {
          row[1] = Cell.quote("extra" + n);
        }
        replica.add(row);
        model(row, "EXTRA_ON_REPLICA");
      }
    }

    /**
     * On a replica without the key: an identical copy, a copy with a twin, or the row again under a
     * NULL key.
     */
    private void surplus(String[] row, String[] twin) {
      String[] copy = row.clone();
      switch (random.nextInt(3)) {
        case 0 -> {}
        case 1 -> {
          int c = key.size() + random.nextInt(values.size());
          copy[c] = twin[c];
        }
        default -> {
          int k = random.nextInt(key.size() + 1);
          for (int i = 0; i < key.size(); i++) {
            if (k == key.size() || k == i) {
              copy[i] = "NULL";
            }
          }
        }
      }
      replica.add(copy);
      model(copy, "EXTRA_ON_REPLICA");
    }

    private void model(String[] row, String kind) {
      Map<String, String> keyText = new LinkedHashMap<>();
      for (int i = 0; i < key.size(); i++) {
        String sql = row[i];
        keyText.put(
            key.get(i),
            sql.equals("NULL")
                ? null
                : sql.startsWith("'") ? sql.substring(1, sql.length() - 1) : sql);
      }
      modelled.merge(keyText + " " + kind, 1L, Long::sum);
    }

    void load() {
      List<String> columns =
          new ArrayList<>(key.size() == 1 ? List.of("id bigint") : List.of("a integer", "b text"));
      values.forEach(v -> columns.add(v.column() + " " + v.ddl(schema)));
      String keyDdl = ", PRIMARY KEY (" + String.join(", ", key) + ")";
      exec(
          pair.primary(),
          "CREATE TABLE " + name + " (" + String.join(", ", columns) + keyDdl + ")");
      exec(
          pair.replica(),
          "CREATE TABLE "
              + name
              + " ("
              + String.join(", ", columns)
              + (replicaKeyed ? keyDdl : "")
              + ")");
      insert(pair.primary(), primary);
      insert(pair.replica(), replica);
      exec(pair.primary(), "ANALYZE " + name);
      exec(pair.replica(), "ANALYZE " + name);
    }

    private void insert(DataSource server, List<String[]> rows) {
      List<String> statements = new ArrayList<>();
      for (int start = 0; start < rows.size(); start += BATCH) {
        statements.add(
            "INSERT INTO "
                + name
                + " VALUES "
                + rows.subList(start, Math.min(rows.size(), start + BATCH)).stream()
                    .map(row -> "(" + String.join(", ", row) + ")")
                    .collect(Collectors.joining(",\n")));
      }
      exec(server, String.join(";\n", statements));
    }

    private static void exec(DataSource server, String sql) {
      TestServers.exec(server, StoredRows.PINNED + "; " + sql);
    }
  }
}
