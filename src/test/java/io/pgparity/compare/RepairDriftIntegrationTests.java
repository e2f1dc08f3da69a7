package io.pgparity.compare;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgparity.connect.Side;
import io.pgparity.demo.EmbeddedPair;
import io.pgparity.job.RunOutcome;
import io.pgparity.repair.RepairRuns;
import io.pgparity.repair.RepairTarget;
import io.pgparity.testing.RunFiles;
import io.pgparity.testing.TestServers;
import io.pgparity.verdict.Status;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The repair property: for random drift in a wide table of every column type (each seed its own key
 * type and table), verify with --repair-sql, apply repair.sql through {@code pgparity repair
 * --apply}, and verify again: CONSISTENT, with one statement applied per divergent row and the
 * source side untouched. Odd seeds repair the replica from the primary, even seeds the primary from
 * the replica (as after a failover).
 */
class RepairDriftIntegrationTests {

  private static final int ROWS = 120;

  private static EmbeddedPair pair;
  private static String schema;
  private static List<WideType> types;

  @TempDir Path out;

  @BeforeAll
  static void createTypes() {
    pair = TestServers.pair();
    schema = TestServers.uniqueSchema("repair_drift");
    types = WideType.supported(pair.primary(), pair.replica());
    if (types.contains(WideType.CITEXT)) {
      pair.execBoth("CREATE EXTENSION IF NOT EXISTS citext");
    }
    if (types.contains(WideType.CI_TEXT)) {
      pair.execBoth(
          "CREATE COLLATION "
              + schema
              + ".ci (provider = icu, locale = 'und-u-ks-level2', deterministic = false)");
    }
    String labels =
        String.join(", ", Arrays.stream(WideType.MOOD_LABELS).map(Cell::quote).toList());
    pair.execBoth("CREATE TYPE " + schema + ".mood AS ENUM (" + labels + ")");
  }

  @AfterAll
  static void dropSchema() {
    if (schema != null) {
      TestServers.dropSchema(schema);
    }
  }

  static Stream<Long> seeds() {
    return LongStream.rangeClosed(1, KeyKind.values().length).boxed();
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void repairSqlMakesTheTargetEqualItsSourceForRandomDriftOfEveryType(long seed) {
    KeyKind kind = KeyKind.values()[(int) (seed - 1)];
    RepairTarget target = seed % 2 == 1 ? RepairTarget.REPLICA : RepairTarget.PRIMARY;
    DriftTable table =
        new DriftTable(pair.primary(), pair.replica(), schema, "t_" + seed, kind, types);
    table.create();
    Random random = new Random(4_242 * seed);
    DriftInjector drift = new DriftInjector(table, random, schema);
    kind.keys(random, new RandomCells(random, schema), ROWS)
        .forEach(key -> table.addBase(drift.row(key)));
    table.load(Side.PRIMARY, Side.REPLICA);
    drift.inject(30 + random.nextInt(40));
    table.apply();
    int divergent = table.expected().size();

    RunOutcome drifted =
        RepairRuns.verify(
            pair.primaryUrl(), pair.replicaUrl(), out, List.of(table.name), true, false);
    assertThat(RunFiles.summary(drifted.runFolder()).get("totals").get("divergentRows").asLong())
        .as("seed %s: divergent rows found", seed)
        .isEqualTo(divergent);
    if (target == RepairTarget.PRIMARY) {
      RepairRuns.Result built =
          RepairRuns.repair(drifted.runFolder().toString(), "--target", "primary");
      assertThat(built.code()).as("seed %s: %s", seed, built.err()).isZero();
    }
    RepairRuns.Result applied = RepairRuns.repair(drifted.runFolder().toString(), "--apply");

    assertThat(applied.code()).as("seed %s: %s%s", seed, applied.out(), applied.err()).isZero();
    assertThat(applied.line())
        .as("seed %s", seed)
        .startsWith(
            "APPLIED: " + divergent + " of " + divergent + " statements on the " + target.label());
    table.assertStoredAsModelled(target.source());
    RunOutcome repaired =
        RepairRuns.verify(
            pair.primaryUrl(), pair.replicaUrl(), out, List.of(table.name), false, false);
    assertThat(repaired.status())
        .as("seed %s after repair: %s", seed, repaired.verdict())
        .isEqualTo(Status.CONSISTENT);
  }
}
