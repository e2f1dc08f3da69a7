package io.pgparity.repair;

import static com.google.common.base.Preconditions.checkArgument;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a repair.sql's statements on the target: its SET lines first, then every statement, in one
 * transaction or in transactions of {@code batchSize} statements. A statement that changes its one
 * row is applied; one that changes none was stale (its guard re-read the row and found it changed
 * since verify) and is counted, not retried. A failure rolls back the open transaction and ends the
 * run; transactions committed before it stay.
 */
public final class RepairApplier {

  private static final Logger log = LoggerFactory.getLogger(RepairApplier.class);

  /** Waits this long for a row lock an application holds before giving up, rather than for ever. */
  static final String LOCK_TIMEOUT = "SET lock_timeout = '30s'";

  private final int batchSize;

  /** {@code batchSize} 0 runs everything in one transaction. */
  public RepairApplier(int batchSize) {
    checkArgument(batchSize >= 0, "batch size must not be negative but was %s", batchSize);
    this.batchSize = batchSize;
  }

  /** Applies the script over {@code connection}, a writable session of the target. */
  public ApplyResult apply(Connection connection, RepairScript script) throws ApplyException {
    long start = System.nanoTime();
    RepairCounts applied = RepairCounts.none();
    long stale = 0;
    long sequences = 0;
    List<Integer> staleLines = new ArrayList<>();
    int committed = 0;
    int inTransaction = 0;
    int line = 0;
    try (Statement statement = connection.createStatement()) {
      // braces inside literals (arrays, json) are data, never JDBC escapes
      statement.setEscapeProcessing(false);
      connection.setAutoCommit(false);
      statement.execute(LOCK_TIMEOUT);
      for (String setting : script.settings()) {
        statement.execute(setting);
      }
      // a SET rolled back with a failed first batch would be lost for the next one
      connection.commit();
      Optional<RepairScript.Line> next;
      while ((next = script.next()).isPresent()) {
        line = next.get().number();
        if (next.get().kind() == RepairKind.SETVAL) {
          // a sequence moved past its data: a query, no row count to guard
          statement.execute(next.get().sql());
          sequences++;
          continue;
        }
        int rows = statement.executeUpdate(next.get().sql());
        if (rows == 1) {
          applied = applied.plus(next.get().kind());
        } else if (rows == 0) {
          stale++;
          if (staleLines.size() < ApplyResult.STALE_LINES_KEPT) {
            staleLines.add(line);
          }
        } else {
          throw new SQLException(
              "the "
                  + next.get().kind()
                  + " changed "
                  + rows
                  + " rows, not one: its key is not"
                  + " unique on the "
                  + script.target().label()
                  + "; remove the line or make the key unique",
              "21000");
        }
        if (batchSize > 0 && ++inTransaction == batchSize) {
          connection.commit();
          committed++;
          inTransaction = 0;
          log.debug(
              "Committed repair batch {} on the {}: {} applied, {} stale so far",
              committed,
              script.target().label(),
              applied.total(),
              stale);
        }
      }
      connection.commit();
      committed++;
    } catch (SQLException e) {
      rollback(connection, e);
      throw new ApplyException(script.target(), line, committed, e);
    }
    log.info(
        "Applied repair.sql on the {}: {} statements ({}), {} sequence(s) set, {} stale{} in {}"
            + " transactions ({} ms)",
        script.target().label(),
        applied.total(),
        applied.describe(),
        sequences,
        stale,
        staleLines.isEmpty() ? "" : " (lines " + staleLines + ")",
        committed,
        (System.nanoTime() - start) / 1_000_000);
    return new ApplyResult(script.target(), applied, stale, staleLines, committed);
  }

  private static void rollback(Connection connection, SQLException failure) {
    try {
      connection.rollback();
    } catch (SQLException e) {
      failure.addSuppressed(e);
    }
  }

  /** A statement failed: names the line, what stayed committed, and the server's reason. */
  public static final class ApplyException extends Exception {

    ApplyException(RepairTarget target, int line, int committed, SQLException cause) {
      super(
          "applying repair.sql on the "
              + target.label()
              + " failed"
              + (line > 0 ? " at line " + line : " before the first statement")
              + ": "
              + String.valueOf(cause.getMessage()).lines().findFirst().orElse("")
              + " ["
              + cause.getSQLState()
              + "]; "
              + (committed == 0
                  ? "nothing was changed"
                  : committed + " earlier batches stay committed")
              + remedy(cause.getSQLState()),
          cause);
    }

    private static String remedy(String state) {
      if ("42501".equals(state)) {
        return "; the role needs INSERT, UPDATE and DELETE on the tables (and to be a superuser for --no-triggers):"
            + " give a role that may write with --primary/--replica URL";
      }
      if ("55P03".equals(state)) {
        return "; another session held a row lock for 30 s: apply again when it is done";
      }
      if ("23505".equals(state) || "23503".equals(state) || "23514".equals(state)) {
        return "; a constraint of the target refuses the row: verify again and rebuild repair.sql, or remove the line";
      }
      return "; see the server log, fix the cause and apply again (applied rows are skipped as stale)";
    }
  }
}
