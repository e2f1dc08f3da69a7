package io.pgparity.bench;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;
import static java.nio.charset.StandardCharsets.UTF_8;

import io.pgparity.compare.DivergenceKind;
import io.pgparity.table.TableRef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * pg_comparator (Debian: postgresql-comparator) beside verify: {@code pg_comparator --cf=fnv
 * [--use-key] pgsql://user@host:port/db/schema.table?id pgsql://...} on one table, timed from
 * launch to exit, its findings checked like verify's. Options: {@code --cf=fnv}, the checksum the
 * issue names and pgcmp's fastest; {@code --use-key} where the key is an integer (users), which
 * skips the key's hashing (its manual: half of the checksum table's hash computations), not for
 * uuid keys (sessions), which it cannot use; everything else at its defaults (asynchronous queries
 * on both sides, one transaction, temporary checksum tables, no lock for a comparison). Passwords
 * travel in environment variables ({@code --env-pass}), never on its command line. Its functions
 * come from the pgcmp extension, found through the search path its sessions get in PGOPTIONS.
 */
final class PgComparator {

  /** The environment variables' prefix: {@code PGPARITY_BENCH_PASS1} and {@code ...2}. */
  static final String PASSWORD_VARIABLE = "PGPARITY_BENCH_PASS";

  private final Path program;
  private final Endpoint primary;
  private final Endpoint replica;
  private final String schema;
  private final String searchPath;

  /** One side as pg_comparator connects to it, read from a pgjdbc URL. */
  record Endpoint(String host, int port, String database, String user, String password) {

    Endpoint {
      checkNotNull(host, "host");
      checkNotNull(database, "database");
      checkNotNull(user, "user");
    }

    /**
     * Reads {@code jdbc:postgresql://host[:port]/database?user=...&password=...}; one host only.
     * {@code defaultUser} stands in when the URL names none, as pgjdbc does.
     */
    static Endpoint of(String jdbcUrl, String password, String defaultUser) {
      checkArgument(
          jdbcUrl.startsWith("jdbc:postgresql://"),
          "pg_comparator needs a jdbc:postgresql://host:port/database URL but got a URL without a host");
      URI uri;
      try {
        uri = new URI(jdbcUrl.substring("jdbc:".length()));
      } catch (URISyntaxException e) {
        throw new IllegalArgumentException(
            "cannot read the URL for pg_comparator: " + e.getMessage());
      }
      checkArgument(
          uri.getHost() != null && !uri.getAuthority().contains(","),
          "pg_comparator connects to one host per side, but the URL names several or none");
      Map<String, String> parameters = new LinkedHashMap<>();
      if (uri.getRawQuery() != null) {
        for (String pair : uri.getRawQuery().split("&")) {
          int equals = pair.indexOf('=');
          if (equals > 0) {
            parameters.put(
                pair.substring(0, equals), URLDecoder.decode(pair.substring(equals + 1), UTF_8));
          }
        }
      }
      String path = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
      String user = parameters.getOrDefault("user", defaultUser);
      return new Endpoint(
          uri.getHost(),
          uri.getPort() < 0 ? 5432 : uri.getPort(),
          path.isEmpty() ? user : path,
          user,
          password != null ? password : parameters.get("password"));
    }

    /** pg_comparator's URL of {@code table} on this side, keyed by {@code id}; no password. */
    String url(TableRef table) {
      return String.format(
          "pgsql://%s@%s:%d/%s/%s?%s", user, host, port, database, table, BenchTable.KEY_COLUMN);
    }
  }

  /** One run: wall seconds from launch to exit and what it printed on stdout. */
  record Run(double seconds, String output) {}

  /** {@code searchPath}: where its sessions find the pgcmp functions, e.g. the bench's schema. */
  PgComparator(Path program, Endpoint primary, Endpoint replica, String schema, String searchPath) {
    this.program = checkNotNull(program, "program");
    this.primary = checkNotNull(primary, "primary");
    this.replica = checkNotNull(replica, "replica");
    this.schema = checkNotNull(schema, "schema");
    this.searchPath = checkNotNull(searchPath, "searchPath");
  }

  /** The command line of a run on {@code table}: the program, its options and the two URLs. */
  List<String> command(BenchTable table) {
    List<String> command = new ArrayList<>(List.of(program.toString(), "--cf=fnv"));
    if (table == BenchTable.USERS) {
      // its key is an evenly spread bigint, which --use-key needs; sessions' uuid is not an integer
      command.add("--use-key");
    }
    if (primary.password() != null || replica.password() != null) {
      command.add("--env-pass=" + PASSWORD_VARIABLE);
    }
    command.add(primary.url(table.in(schema)));
    command.add(replica.url(table.in(schema)));
    return command;
  }

  /** Runs it on {@code table}; throws unless it exits 0. */
  Run run(BenchTable table) {
    List<String> command = command(table);
    ProcessBuilder builder = new ProcessBuilder(command);
    // PGOPTIONS reaches every libpq session it opens, so its queries find pgcmp's functions
    builder.environment().put("PGOPTIONS", "-c search_path=" + searchPath.replace(" ", ""));
    if (primary.password() != null) {
      builder.environment().put(PASSWORD_VARIABLE + "1", primary.password());
    }
    if (replica.password() != null) {
      builder.environment().put(PASSWORD_VARIABLE + "2", replica.password());
    }
    try {
      Path stdout = Files.createTempFile("pgparity-bench-pg_comparator", ".out");
      Path stderr = Files.createTempFile("pgparity-bench-pg_comparator", ".err");
      try {
        long started = System.nanoTime();
        Process process =
            builder.redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        try {
          process.waitFor();
        } finally {
          process.destroyForcibly();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        String output = Files.readString(stdout, UTF_8);
        if (process.exitValue() != 0) {
          throw new BenchCheckException(
              String.format(
                  "%s exited %d: %s",
                  String.join(" ", command),
                  process.exitValue(),
                  Files.readString(stderr, UTF_8).strip()));
        }
        return new Run(seconds, output);
      } finally {
        Files.deleteIfExists(stdout);
        Files.deleteIfExists(stderr);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + program + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for pg_comparator", e);
    }
  }

  /**
   * The rows pg_comparator's output names: {@code UPDATE k} (both have key k, with different
   * values: CHANGED), {@code INSERT k} (only the primary, which is its first table:
   * MISSING_ON_REPLICA), {@code DELETE k} (only the replica: EXTRA_ON_REPLICA). Any other non-blank
   * line is an error: a finding the bench cannot read is not a finding it may call correct.
   */
  static List<RowDivergence> findings(String output, TableRef table) {
    List<RowDivergence> rows = new ArrayList<>();
    for (String line : output.split("\n", -1)) {
      String stripped = line.strip();
      if (stripped.isEmpty()) {
        continue;
      }
      int space = stripped.indexOf(' ');
      String word = space < 0 ? stripped : stripped.substring(0, space);
      String key = space < 0 ? "" : stripped.substring(space + 1).strip();
      DivergenceKind kind =
          switch (word) {
            case "UPDATE" -> DivergenceKind.CHANGED;
            case "INSERT" -> DivergenceKind.MISSING_ON_REPLICA;
            case "DELETE" -> DivergenceKind.EXTRA_ON_REPLICA;
            default -> null;
          };
      if (kind == null || key.isEmpty()) {
        throw new BenchCheckException(
            String.format(
                "pg_comparator of %s printed a line that is not UPDATE, INSERT or DELETE of a key: %s",
                table, stripped));
      }
      rows.add(RowDivergence.of(table, key, kind));
    }
    return rows;
  }

  /**
   * Throws {@link BenchCheckException} unless {@code output} names exactly the {@code injected}
   * rows with their kinds, each once (nothing at all on identical tables).
   */
  static void check(String output, TableRef table, BenchCase expected, InjectedDrift injected) {
    injected.requireReported(
        findings(output, table),
        String.format("pg_comparator of %s (%s)", table, expected.label()));
  }

  /** A run, checked; returns its seconds. */
  double timed(BenchTable table, BenchCase expected, InjectedDrift injected) {
    Run run = run(table);
    check(run.output(), table.in(schema), expected, injected);
    return run.seconds();
  }

  /** What ran, for the report, with the URLs' placeholders. */
  String describe() {
    return program
        + " --cf=fnv (--use-key on users) pgsql://"
        + primary.user()
        + "@"
        + primary.host()
        + ":"
        + primary.port()
        + "/"
        + primary.database()
        + "/SCHEMA.TABLE?id pgsql://"
        + replica.user()
        + "@"
        + replica.host()
        + ":"
        + replica.port()
        + "/"
        + replica.database()
        + "/SCHEMA.TABLE?id";
  }
}
