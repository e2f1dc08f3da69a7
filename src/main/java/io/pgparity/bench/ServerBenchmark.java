package io.pgparity.bench;

import static com.google.common.base.Preconditions.checkNotNull;

import io.pgparity.config.ConfigException;
import io.pgparity.config.connection.ConnectionSpec;
import io.pgparity.config.connection.PasswordResolver;
import java.io.File;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The benchmark on two servers the user named ({@code --primary URL --replica URL}): creates schema
 * {@value BenchOptions#SERVER_SCHEMA} on both, loads the same tables into it on both in parallel,
 * links nothing (the replica is a copy; verify finds no replication link and does not wait for
 * one), times the rounds, makes the replica drift, and drops the schema at the end whatever
 * happens, also when the JVM is stopped (Ctrl-C) as far as a shutdown hook can. It refuses to start
 * when the schema already exists on either server, since it would drop what it did not create.
 * pg_comparator runs beside verify when it is installed and both servers have or can create the
 * pgcmp extension; one the bench creates lives in its schema and goes with it.
 */
final class ServerBenchmark implements Benchmark {

  private static final String PROGRAM = "pg_comparator";

  private final EmbeddedBenchmark.VerifyRunsFactory verifyRuns;

  ServerBenchmark(EmbeddedBenchmark.VerifyRunsFactory verifyRuns) {
    this.verifyRuns = checkNotNull(verifyRuns, "verifyRuns");
  }

  /** Each verify a process of its own. */
  static ServerBenchmark processes() {
    return new ServerBenchmark(EmbeddedBenchmark.VerifyRunsFactory.processes());
  }

  @Override
  public List<CaseResult> measure(BenchOptions options, PrintStream out, PrintStream err) {
    checkNotNull(options.servers(), "no --primary and --replica");
    String schema = options.schema();
    ConnectionSpec primarySpec = resolved(options.servers().primaryUrl());
    ConnectionSpec replicaSpec = resolved(options.servers().replicaUrl());
    DataSource primary = dataSource(primarySpec);
    DataSource replica = dataSource(replicaSpec);
    refuseExistingSchema(primary, "--primary", schema);
    refuseExistingSchema(replica, "--replica", schema);
    Thread dropOnExit =
        new Thread(() -> drop(primary, replica, schema, err), "pgparity-bench-drop-schema");
    Runtime.getRuntime().addShutdownHook(dropOnExit);
    try {
      BenchData data = new BenchData(primary, replica, schema);
      data.load(options.tables(), options.rows(), out);
      PgComparator comparator =
          pgComparator(options, primary, replica, primarySpec, replicaSpec, out).orElse(null);
      VerifyRuns verify =
          verifyRuns.create(
              options, options.servers().primaryUrl(), options.servers().replicaUrl());
      out.println("verify is launched as: " + verify.launchedAs());
      CaseRounds cases =
          new CaseRounds(options, schema, new HashFloor(primary, replica), verify, comparator, out);
      return cases.all(options.tables(), data, out);
    } finally {
      drop(primary, replica, schema, err);
      try {
        Runtime.getRuntime().removeShutdownHook(dropOnExit);
      } catch (IllegalStateException shuttingDown) {
        // the hook runs (or ran) anyway; dropping twice is harmless
      }
    }
  }

  private static ConnectionSpec resolved(String url) {
    return PasswordResolver.forCurrentUser()
        .resolve(new ConnectionSpec(url, null))
        .withPasswordOutOfUrl();
  }

  private static DataSource dataSource(ConnectionSpec spec) {
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setURL(spec.url());
    if (spec.password() != null) {
      dataSource.setPassword(spec.password());
    }
    dataSource.setApplicationName("pgparity bench");
    return dataSource;
  }

  /**
   * Refuses (exit 2) a schema that already exists: the bench drops its schema at the end, so it
   * never uses one it did not create.
   */
  static void refuseExistingSchema(DataSource side, String option, String schema) {
    try (Connection connection = side.getConnection();
        PreparedStatement statement =
            connection.prepareStatement("SELECT 1 FROM pg_namespace WHERE nspname = ?")) {
      statement.setString(1, schema);
      try (ResultSet found = statement.executeQuery()) {
        if (found.next()) {
          throw new ConfigException(
              String.format(
                  "bench: schema %s already exists on the %s server; bench creates it and drops it"
                      + " at the end, so it does not use one it did not create: drop it (DROP SCHEMA"
                      + " %s CASCADE) if an interrupted bench left it, or name another server",
                  schema, option, schema));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot connect to the " + option + " server: " + e.getMessage(), e);
    }
  }

  // a failed clean-up must not hide why the benchmark ended
  private static void drop(DataSource primary, DataSource replica, String schema, PrintStream err) {
    for (DataSource side : List.of(primary, replica)) {
      try (Connection connection = side.getConnection();
          Statement statement = connection.createStatement()) {
        statement.execute("SET lock_timeout = '30s'");
        statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      } catch (SQLException e) {
        err.println(
            "warning: could not drop schema "
                + schema
                + " (drop it by hand: DROP SCHEMA "
                + schema
                + " CASCADE): "
                + e.getMessage());
      }
    }
  }

  /**
   * pg_comparator when it runs: --pg-comparator or the one on PATH, and the pgcmp extension on both
   * servers (created in the bench's schema where missing and available); otherwise empty, with the
   * reason printed.
   */
  private static Optional<PgComparator> pgComparator(
      BenchOptions options,
      DataSource primary,
      DataSource replica,
      ConnectionSpec primarySpec,
      ConnectionSpec replicaSpec,
      PrintStream out) {
    if (options.noPgComparator()) {
      out.println("pg_comparator: not run (--no-pg-comparator).");
      return Optional.empty();
    }
    Optional<Path> program =
        options.pgComparator() != null ? Optional.of(options.pgComparator()) : onPath(PROGRAM);
    if (program.isEmpty()) {
      out.println(
          "pg_comparator: not found on PATH (Debian: apt install postgresql-comparator), not run.");
      return Optional.empty();
    }
    String schema = options.schema();
    Set<String> searchPath = new LinkedHashSet<>(List.of(schema));
    for (DataSource side : List.of(primary, replica)) {
      String where = side == primary ? "primary" : "replica";
      try (Connection connection = side.getConnection();
          Statement statement = connection.createStatement()) {
        Optional<String> installedIn = extensionSchema(statement);
        if (installedIn.isPresent()) {
          searchPath.add(installedIn.get());
          continue;
        }
        try (ResultSet available =
            statement.executeQuery("SELECT 1 FROM pg_available_extensions WHERE name = 'pgcmp'")) {
          if (!available.next()) {
            out.printf(
                "pg_comparator: not applicable (the %s server lacks the pgcmp extension; Debian:"
                    + " postgresql-comparator on the server's machine).%n",
                where);
            return Optional.empty();
          }
        }
        // in the bench's schema, so dropping the schema removes it too
        statement.execute("CREATE EXTENSION pgcmp SCHEMA " + schema);
        out.printf(
            "pg_comparator: created extension pgcmp in schema %s on the %s.%n", schema, where);
      } catch (SQLException e) {
        out.printf(
            "pg_comparator: not applicable (cannot create extension pgcmp on the %s: %s).%n",
            where, e.getMessage());
        return Optional.empty();
      }
    }
    searchPath.add("public");
    String user = System.getProperty("user.name");
    PgComparator comparator =
        new PgComparator(
            program.get(),
            PgComparator.Endpoint.of(primarySpec.url(), primarySpec.password(), user),
            PgComparator.Endpoint.of(replicaSpec.url(), replicaSpec.password(), user),
            schema,
            String.join(", ", searchPath));
    out.println("pg_comparator: " + comparator.describe());
    return Optional.of(comparator);
  }

  private static Optional<String> extensionSchema(Statement statement) throws SQLException {
    try (ResultSet installed =
        statement.executeQuery(
            "SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace"
                + " WHERE e.extname = 'pgcmp'")) {
      return installed.next() ? Optional.of(installed.getString(1)) : Optional.empty();
    }
  }

  static Optional<Path> onPath(String program) {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    List<Path> candidates = new ArrayList<>();
    for (String folder : path.split(File.pathSeparator)) {
      if (!folder.isEmpty()) {
        candidates.add(Path.of(folder, program));
      }
    }
    return candidates.stream()
        .filter(p -> Files.isRegularFile(p) && Files.isExecutable(p))
        .findFirst();
  }
}
