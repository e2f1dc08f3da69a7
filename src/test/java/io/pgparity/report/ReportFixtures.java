package io.pgparity.report;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.pgparity.compare.Divergence;
import io.pgparity.compare.DivergenceKind;
import io.pgparity.connect.Both;
import io.pgparity.connect.ServerInfo;
import io.pgparity.table.TableRef;
import io.pgparity.verdict.Status;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A fixed run with awkward values, shared by the report tests and their golden files. */
final class ReportFixtures {

  static final TableRef USERS = new TableRef("public", "users");
  static final TableRef LOG = new TableRef("audit", "log_entries");
  static final TableRef ORDERS = new TableRef("public", "orders");

  static final RunResult.Identity IDENTITY =
      new RunResult.Identity("0.1.0", "auth", "20261125T120000Z-1a2b");

  private ReportFixtures() {}

  static TableResult table(TableRef ref, Status status, long missing, long extra, long changed) {
    return new TableResult(
        ref,
        List.of("id"),
        List.of("id", "v"),
        new TableResult.Rows(10, 10, 1),
        new TableResult.Differences(missing, extra, changed),
        List.of(),
        status,
        0.5,
        status.compareTo(Status.INCOMPLETE) >= 0 ? ref + ": it broke" : null,
        TableResult.Rechecks.NONE,
        null);
  }

  static RunResult run(Status status, List<TableResult> tables) {
    return new RunResult(
        IDENTITY,
        Path.of("reports/auth/20261125T120000Z-1a2b"),
        status,
        Instant.parse("2026-11-25T12:00:00Z"),
        Instant.parse("2026-11-25T12:00:12.345Z"),
        new Both<>(null, null),
        tables,
        null,
        RunResult.Sharding.NONE,
        null,
        null);
  }

  /** Three tables: two divergent, one cut short by a timeout. */
  static RunResult run() {
    ServerInfo primary =
        new ServerInfo("db1.example.com:5432", "auth", "15.19", "7312345678901234567");
    ServerInfo replica =
        new ServerInfo("db2.example.com:5432", "auth", "15.19", "7312345678901234567");
    List<TableResult> tables =
        List.of(
            new TableResult(
                USERS,
                List.of("id"),
                List.of("id", "email", "name", "note"),
                new TableResult.Rows(200_000, 199_995, 64),
                new TableResult.Differences(5, 0, 3),
                List.of("column legacy_flag exists only on the primary and is not compared"),
                Status.DIVERGENT,
                3.2104,
                null,
                new TableResult.Rechecks(12, 0),
                // range 41's suspects all converged: its hashes differed, no row diverged
                new KeySpaceStrip(64, Map.of(3, 5L, 17, 2L, 40, 1L, 41, 0L))),
            new TableResult(
                LOG,
                List.of("tenant", "seq"),
                List.of("tenant", "seq", "message"),
                new TableResult.Rows(150_000, 150_001, 32),
                new TableResult.Differences(0, 1, 0),
                List.of(),
                Status.DIVERGENT,
                2.0,
                null,
                TableResult.Rechecks.NONE,
                new KeySpaceStrip(32, Map.of(31, 1L))),
            new TableResult(
                ORDERS,
                List.of("id"),
                List.of("id", "total"),
                new TableResult.Rows(50_000, 0, 16),
                TableResult.Differences.NONE,
                List.of(),
                Status.INCOMPLETE,
                600.0,
                "public.orders: canceling statement due to statement timeout; raise"
                    + " tuning.statementTimeout",
                TableResult.Rechecks.NONE,
                null));
    return new RunResult(
        IDENTITY,
        Path.of("reports/auth/20261125T120000Z-1a2b"),
        Status.INCOMPLETE,
        Instant.parse("2026-11-25T12:00:00Z"),
        Instant.parse("2026-11-25T12:00:12.345Z"),
        new Both<>(primary, replica),
        tables,
        new ReplicationSummary(
            "PHYSICAL_STANDBY",
            "physical standby, replaying the primary's WAL",
            "hot standby streaming from db1.example.com",
            true,
            3,
            Duration.ofMillis(850),
            Duration.ofMillis(1_200),
            81_920,
            1,
            Duration.ofSeconds(4),
            Duration.ZERO,
            2),
        RunResult.Sharding.NONE,
        null,
        null);
  }

  /** The first divergences of {@link #run()}, with pipes, line breaks, NULLs and long values. */
  static List<Divergence> sample() {
    return List.of(
        new Divergence(
            USERS,
            Map.of("id", "42"),
            DivergenceKind.CHANGED,
            List.of("email", "note"),
            row("id", "42", "email", "ann@example.com", "name", "Ann", "note", "line 1\nline | 2"),
            row("id", "42", "email", "ANN@example.com", "name", "Ann", "note", null)),
        new Divergence(
            USERS,
            Map.of("id", "7"),
            DivergenceKind.MISSING_ON_REPLICA,
            List.of(),
            row("id", "7", "email", "bo@example.com", "name", "Bo", "note", ""),
            null),
        new Divergence(
            USERS,
            Map.of("id", "99"),
            DivergenceKind.CHANGED,
            List.of("name"),
            row("id", "99", "email", "x@example.com", "name", "x".repeat(100), "note", "*bold*"),
            row("id", "99", "email", "x@example.com", "name", "`tick` and é", "note", "*bold*")),
        new Divergence(
            LOG,
            row("tenant", "acme, inc", "seq", "17"),
            DivergenceKind.EXTRA_ON_REPLICA,
            List.of(),
            null,
            row("tenant", "acme, inc", "seq", "17", "message", "<b>hi</b>")));
  }

  /** An ordered map from alternating names and values; values may be null. */
  static Map<String, String> row(String... namesAndValues) {
    Map<String, String> row = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      row.put(namesAndValues[i], namesAndValues[i + 1]);
    }
    return row;
  }

  /**
   * The golden file's text. With -Dpgparity.updateGolden=true the actual text replaces it first
   * (review the diff before committing).
   */
  static String golden(String name, String actual) throws IOException {
    if (Boolean.getBoolean("pgparity.updateGolden")) {
      Files.writeString(Path.of("src/test/resources/golden", name), actual, UTF_8);
      return actual;
    }
    try (InputStream in = ReportFixtures.class.getResourceAsStream("/golden/" + name)) {
      if (in == null) {
        throw new UncheckedIOException(
            new IOException(
                "golden/" + name + " is missing; run with -Dpgparity.updateGolden=true"));
      }
      return new String(in.readAllBytes(), UTF_8);
    }
  }
}
