package io.pgparity.sequence;

import static com.google.common.base.Preconditions.checkNotNull;

import io.pgparity.connect.ServerPair;
import io.pgparity.connect.Side;
import io.pgparity.finding.FindingSeverity;
import io.pgparity.finding.ObjectKind;
import io.pgparity.finding.SchemaFinding;
import io.pgparity.live.CatchUp;
import io.pgparity.live.Lsn;
import io.pgparity.table.TableRef;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Compares each sequence's state and definition on both sides. Logical replication does not carry
 * sequences: a subscriber keeps the values it had when it was set up while its tables fill with the
 * primary's keys, and once promoted it hands out keys that already exist.
 *
 * <p>Order of reads, which the caller gets by passing the run's {@link CatchUp}: the primary's
 * sequences first, then its WAL position in the same transaction, then a wait until the replica has
 * replayed or applied past that position, then the replica. A physical standby read that way shows
 * every value the primary had handed out before the read (it replays nextval's WAL record, logged
 * up to 32 calls ahead), so it is never reported behind because it lagged. A logical subscriber
 * gains nothing for its sequences from the wait (they do not move), but its tables then hold at
 * least the rows the primary had, so their maximum is not under-read.
 *
 * <p>On the replica the sequences are read first and the owning columns' maximum after, in one
 * REPEATABLE READ transaction: the maximum is read in the snapshot taken by the first query (the
 * catalog read, before the sequences' buffers are read), and every row visible there was committed
 * after its sequence value was logged, so a standby's sequence state (read after the snapshot) is
 * never behind a row the maximum sees.
 */
public final class SequenceComparison {

  private SequenceComparison() {}

  /**
   * Reads both sides (primary first, then waits with {@code catchUp}, then the replica) and
   * compares the sequences in {@code scope}. Pass {@link CatchUp#none()} for a replica that does
   * not follow the primary (independent, promoted).
   */
  public static SequenceOutcome compare(ServerPair pair, SequenceScope scope, CatchUp catchUp) {
    checkNotNull(scope, "scope");
    checkNotNull(catchUp, "catchUp");
    AtomicReference<Lsn> readAt = new AtomicReference<>();
    Map<TableRef, SideSequence> primary =
        pair.on(
            Side.PRIMARY,
            "sequences",
            (connection, side) -> {
              Map<TableRef, SideSequence> read = SequenceCatalog.read(connection);
              // after the read, in its transaction: the replica must pass this before it is read
              readAt.set(catchUp.primaryPosition(connection));
              return read;
            });
    catchUp.await(readAt.get());
    ReplicaRead replica =
        pair.on(
            Side.REPLICA,
            "sequences",
            (connection, side) -> readReplica(connection, scope, primary));
    return judge(scope, primary, replica.sequences(), replica.columnExtremes());
  }

  private record ReplicaRead(
      Map<TableRef, SideSequence> sequences, Map<TableRef, Long> columnExtremes) {}

  private static ReplicaRead readReplica(
      Connection connection, SequenceScope scope, Map<TableRef, SideSequence> primary)
      throws SQLException {
    try (Statement statement = connection.createStatement()) {
      // first statement of the transaction; a standby allows REPEATABLE READ
      statement.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
    }
    Map<TableRef, SideSequence> sequences = SequenceCatalog.read(connection);
    Map<TableRef, ColumnExtremes.Wanted> wanted = new HashMap<>();
    for (SideSequence onReplica : sequences.values()) {
      SideSequence onPrimary = primary.get(onReplica.sequence());
      if (onPrimary == null
          || !onPrimary.readable()
          || !onReplica.readable()
          || !onReplica.owned()
          || !onReplica.ownerColumnReadable()
          || !inScope(scope, onPrimary, onReplica)) {
        continue;
      }
      wanted.put(
          onReplica.sequence(),
          new ColumnExtremes.Wanted(
              onReplica.ownerTable(), onReplica.ownerColumn(), onPrimary.increment() > 0));
    }
    return new ReplicaRead(sequences, ColumnExtremes.read(connection, wanted));
  }

  /** Compares what both sides hold; {@code columnExtremes} are the replica's, by sequence. */
  static SequenceOutcome judge(
      SequenceScope scope,
      Map<TableRef, SideSequence> primary,
      Map<TableRef, SideSequence> replica,
      Map<TableRef, Long> columnExtremes) {
    TreeSet<TableRef> names =
        new TreeSet<>(Comparator.comparing(TableRef::schema).thenComparing(TableRef::name));
    names.addAll(primary.keySet());
    names.addAll(replica.keySet());
    List<SequenceResult> results = new ArrayList<>();
    List<SchemaFinding> findings = new ArrayList<>();
    for (TableRef name : names) {
      SideSequence onPrimary = primary.get(name);
      SideSequence onReplica = replica.get(name);
      if (!inScope(scope, onPrimary, onReplica)) {
        continue;
      }
      if (onPrimary != null && onReplica != null) {
        findings.addAll(definitionFindings(onPrimary, onReplica));
      }
      results.add(result(name, onPrimary, onReplica, columnExtremes.get(name)));
    }
    return new SequenceOutcome(results, findings);
  }

  private static boolean inScope(
      SequenceScope scope, SideSequence onPrimary, SideSequence onReplica) {
    return onPrimary != null
            && scope.includes(onPrimary.sequence().schema(), onPrimary.ownerTable())
        || onReplica != null
            && scope.includes(onReplica.sequence().schema(), onReplica.ownerTable());
  }

  private static SequenceResult result(
      TableRef name, SideSequence onPrimary, SideSequence onReplica, Long columnExtreme) {
    SideSequence owning = onReplica != null && onReplica.owned() ? onReplica : onPrimary;
    TableRef ownerTable = owning == null ? null : owning.ownerTable();
    String ownerColumn = owning == null ? null : owning.ownerColumn();
    Long primaryValue = lastHandedOut(onPrimary);
    Long replicaValue = lastHandedOut(onReplica);
    if (onReplica == null) {
      return new SequenceResult(
          name,
          primaryValue,
          null,
          ownerTable,
          ownerColumn,
          null,
          SequenceStatus.PRIMARY_ONLY,
          onPrimary.increment() < 0,
          "the replica lacks it: after a failover every insert that takes a value from it fails");
    }
    if (onPrimary == null) {
      return new SequenceResult(
          name,
          null,
          replicaValue,
          ownerTable,
          ownerColumn,
          null,
          SequenceStatus.REPLICA_ONLY,
          onReplica.increment() < 0,
          "the primary lacks it");
    }
    if (!onPrimary.readable() || !onReplica.readable()) {
      String why =
          !onPrimary.readable()
              ? "not read on the primary: " + onPrimary.unreadable()
              : "not read on the replica: " + onReplica.unreadable();
      return new SequenceResult(
          name,
          primaryValue,
          replicaValue,
          ownerTable,
          ownerColumn,
          null,
          SequenceStatus.UNREADABLE,
          onPrimary.increment() < 0,
          why);
    }
    // the primary's direction: a replica with another increment is also a definition finding
    long increment = onPrimary.increment();
    SequencePosition p = onPrimary.position();
    SequencePosition r = onReplica.position();
    int againstPrimary = r.compareTo(p, increment);
    boolean behindColumn =
        columnExtreme != null && r.compareTo(SequencePosition.taken(columnExtreme), increment) < 0;
    String next =
        "next value on the primary "
            + p.next(onPrimary.increment())
            + ", on the replica "
            + r.next(onReplica.increment());
    SequenceStatus status;
    String reason;
    if (behindColumn) {
      status = SequenceStatus.BEHIND_COLUMN_MAX;
      reason =
          next
              + "; the replica's "
              + onReplica.ownerText()
              + " already holds "
              + columnExtreme
              + ": the next insert there that takes the default fails or reuses a key"
              + (againstPrimary < 0 ? " (it is behind the primary's value too)" : "");
    } else if (againstPrimary < 0) {
      status = SequenceStatus.REPLICA_BEHIND;
      reason = next + ": after a failover the replica hands out values the primary already did";
    } else if (againstPrimary > 0) {
      status = SequenceStatus.REPLICA_AHEAD;
      reason = next + ": the replica skips values, it repeats none";
    } else {
      status = SequenceStatus.SAME;
      reason = next;
    }
    return new SequenceResult(
        name,
        primaryValue,
        replicaValue,
        ownerTable,
        ownerColumn,
        columnExtreme,
        status,
        increment < 0,
        reason);
  }

  private static Long lastHandedOut(SideSequence sequence) {
    return sequence == null || !sequence.readable() ? null : sequence.position().lastHandedOut();
  }

  /**
   * The definition differences: type, increment, bounds and cycling change which values the replica
   * hands out or when it fails (DIVERGENT); the start (used by RESTART without a value), the cache
   * and the owner change neither (ADVISORY).
   */
  static List<SchemaFinding> definitionFindings(SideSequence onPrimary, SideSequence onReplica) {
    List<SchemaFinding> findings = new ArrayList<>();
    TableRef table =
        onPrimary.owned()
            ? onPrimary.ownerTable()
            : onReplica.owned() ? onReplica.ownerTable() : null;
    String object = onPrimary.sequence().unambiguous();
    String name = "sequence " + object;
    DefinitionDifference differ =
        (severity, what, primaryValue, replicaValue, consequence) -> {
          if (!Objects.equals(primaryValue, replicaValue)) {
            findings.add(
                new SchemaFinding(
                    table,
                    ObjectKind.SEQUENCE,
                    object,
                    severity,
                    name
                        + " "
                        + what
                        + " "
                        + primaryValue
                        + " on the primary, "
                        + replicaValue
                        + " on the replica: "
                        + consequence));
          }
        };
    differ.check(
        FindingSeverity.DIVERGENT,
        "is of type",
        onPrimary.dataType(),
        onReplica.dataType(),
        "its bounds and the values it can hand out differ");
    differ.check(
        FindingSeverity.DIVERGENT,
        "increments by",
        onPrimary.increment(),
        onReplica.increment(),
        "after a failover it hands out other values than the primary would");
    differ.check(
        FindingSeverity.DIVERGENT,
        "has minimum",
        onPrimary.min(),
        onReplica.min(),
        "one side fails or cycles where the other goes on");
    differ.check(
        FindingSeverity.DIVERGENT,
        "has maximum",
        onPrimary.max(),
        onReplica.max(),
        "one side fails or cycles where the other goes on");
    differ.check(
        FindingSeverity.DIVERGENT,
        "cycles:",
        onPrimary.cycle(),
        onReplica.cycle(),
        "at its limit one side starts over and repeats values, the other fails");
    differ.check(
        FindingSeverity.ADVISORY,
        "starts at",
        onPrimary.start(),
        onReplica.start(),
        "ALTER SEQUENCE RESTART without a value restarts them at different values");
    differ.check(
        FindingSeverity.ADVISORY,
        "caches",
        onPrimary.cache(),
        onReplica.cache(),
        "only the gaps a session leaves differ");
    differ.check(
        FindingSeverity.ADVISORY,
        "belongs to",
        onPrimary.ownerText(),
        onReplica.ownerText(),
        "dropping that table or column drops the sequence on one side only");
    return findings;
  }

  @FunctionalInterface
  private interface DefinitionDifference {
    void check(
        FindingSeverity severity,
        String what,
        Object primaryValue,
        Object replicaValue,
        String consequence);
  }
}
