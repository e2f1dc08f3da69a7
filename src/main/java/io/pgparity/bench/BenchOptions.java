package io.pgparity.bench;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.nio.file.Path;
import java.util.List;

/**
 * The options of {@code pgparity bench}: rows per table, rounds per case, output folder, tables,
 * whether each round also times plain (not lag-aware) verify, the servers the user named ({@code
 * null}: two embedded servers of the bench's own), the launch command of the timed verify processes
 * ({@code null}: {@link LaunchCommand#byDefault()}), the pg_comparator to run ({@code null}: the
 * one on PATH, if any) and whether to run none.
 */
public record BenchOptions(
    int rows,
    int rounds,
    Path out,
    List<BenchTable> tables,
    boolean lagCompare,
    boolean help,
    NamedServers servers,
    LaunchCommand launch,
    Path pgComparator,
    boolean noPgComparator) {

  /** {@code --primary URL --replica URL}: servers the user named, reached by pgjdbc URLs. */
  public record NamedServers(String primaryUrl, String replicaUrl) {
    public NamedServers {
      checkArgument(
          primaryUrl != null && primaryUrl.startsWith("jdbc:postgresql:"),
          "primary url must start with jdbc:postgresql:");
      checkArgument(
          replicaUrl != null && replicaUrl.startsWith("jdbc:postgresql:"),
          "replica url must start with jdbc:postgresql:");
    }
  }

  /** The schema the bench creates on servers the user named, and drops at the end. */
  public static final String SERVER_SCHEMA = "pgparity_bench";

  public static final int DEFAULT_ROWS = 1_000_000;
  public static final int MIN_ROWS = 1_000;
  public static final int MAX_ROWS = 10_000_000;
  public static final int DEFAULT_ROUNDS = 3;
  public static final int MAX_ROUNDS = 100;
  public static final Path DEFAULT_OUT = Path.of("reports");

  public BenchOptions {
    checkArgument(
        rows >= MIN_ROWS && rows <= MAX_ROWS,
        "rows must be between %s and %s but was %s",
        MIN_ROWS,
        MAX_ROWS,
        rows);
    checkArgument(
        rounds >= 1 && rounds <= MAX_ROUNDS,
        "rounds must be between 1 and %s but was %s",
        MAX_ROUNDS,
        rounds);
    checkNotNull(out, "out");
    tables = List.copyOf(tables);
    checkArgument(!tables.isEmpty(), "bench needs at least one table");
    checkArgument(
        tables.stream().distinct().count() == tables.size(), "a table is listed twice: %s", tables);
    checkArgument(
        !(noPgComparator && pgComparator != null), "pg_comparator both given and turned off");
  }

  /** Embedded servers, the default launch command, pg_comparator from PATH. */
  public BenchOptions(
      int rows, int rounds, Path out, List<BenchTable> tables, boolean lagCompare, boolean help) {
    this(rows, rounds, out, tables, lagCompare, help, null, null, null, false);
  }

  /**
   * The schema of the bench tables: {@code bench} on embedded servers, else {@link #SERVER_SCHEMA}.
   */
  public String schema() {
    return servers == null ? BenchTable.SCHEMA : SERVER_SCHEMA;
  }

  /** What {@code pgparity bench} without options does. */
  public static BenchOptions defaults() {
    return new BenchOptions(
        DEFAULT_ROWS, DEFAULT_ROUNDS, DEFAULT_OUT, List.of(BenchTable.values()), true, false);
  }

  /** Just {@code --help}. */
  public static BenchOptions helpOnly() {
    return new BenchOptions(
        DEFAULT_ROWS, DEFAULT_ROUNDS, DEFAULT_OUT, List.of(BenchTable.values()), true, true);
  }
}
