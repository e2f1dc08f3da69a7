package io.pgparity.sequence;

import io.pgparity.table.SqlIdentifier;
import io.pgparity.table.TableRef;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one side's sequences: definitions and owners in one catalog query, then the state of every
 * readable one in one more query (UNION ALL, in chunks), whatever their number.
 *
 * <p>What PostgreSQL's source (src/backend/commands/sequence.c, 10 to 17) says the state is, and
 * why it is read with {@code SELECT last_value, is_called FROM seq} and not from pg_sequences:
 *
 * <ul>
 *   <li>{@code pg_sequence_last_value(oid)} (behind {@code pg_sequences.last_value}) reads the
 *       sequence's buffer ({@code read_seq_tuple}) and returns NULL when {@code is_called} is
 *       false: a fresh sequence and one reset with ALTER SEQUENCE RESTART WITH 1000 or setval(s,
 *       1000, false) both read NULL, though one hands out 1 next and the other 1000. The relation
 *       itself holds both columns; reading it needs SELECT (USAGE is not enough), where the
 *       function takes SELECT or USAGE. Without either it raises an error; the view hides that
 *       behind has_sequence_privilege and shows NULL (PostgreSQL 18 makes the function itself
 *       return NULL) — so NULL there also means "not allowed", which a comparison must not read as
 *       "never called". Here a role with USAGE only gets the function's value when the sequence was
 *       called, and the sequence is unreadable otherwise.
 *   <li>Unlogged sequences on a standby: the function returns NULL (15+), a SELECT fails ("cannot
 *       access temporary or unlogged relations during recovery"); both mean the standby holds no
 *       state for it, so it is unreadable there. Other sessions' temporary sequences are skipped
 *       altogether.
 *   <li>On a physical standby the buffer is what WAL replay wrote: nextval WAL-logs the state
 *       SEQ_LOG_VALS (32) calls ahead (more with CACHE) and logs again only when those are used up
 *       or after a checkpoint, so a standby that replayed past the primary's read shows a value up
 *       to 32 increments ahead of the primary's — never behind. A standby that has not yet replayed
 *       that far can show a value behind: the caller must wait for it (see {@link
 *       SequenceComparison}).
 * </ul>
 */
final class SequenceCatalog {

  /** Sequences per state query: keeps the statement's text and plan small. */
  private static final int STATE_CHUNK = 500;

  private static final String SEQUENCES =
      """
      SELECT n.nspname, c.relname, pg_catalog.format_type(s.seqtypid, NULL),
             s.seqstart, s.seqincrement, s.seqmin, s.seqmax, s.seqcache, s.seqcycle,
             pg_catalog.has_sequence_privilege(c.oid, 'SELECT') AS may_select,
             c.relpersistence = 'u' AND pg_catalog.pg_is_in_recovery() AS unlogged_in_recovery,
             CASE WHEN NOT pg_catalog.has_sequence_privilege(c.oid, 'SELECT')
                   AND pg_catalog.has_sequence_privilege(c.oid, 'USAGE')
                   AND NOT (c.relpersistence = 'u' AND pg_catalog.pg_is_in_recovery())
                  THEN pg_catalog.pg_sequence_last_value(c.oid) END AS usage_last_value,
             o.nspname, o.relname, o.attname,
             o.atttypid IN ('pg_catalog.int2'::pg_catalog.regtype, 'pg_catalog.int4'::pg_catalog.regtype,
                            'pg_catalog.int8'::pg_catalog.regtype)
               AND pg_catalog.has_column_privilege(o.tableoid, o.attnum, 'SELECT') AS owner_readable
      FROM pg_catalog.pg_class c
      JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
      JOIN pg_catalog.pg_sequence s ON s.seqrelid = c.oid
      LEFT JOIN LATERAL (
        SELECT tn.nspname, t.relname, a.attname, a.atttypid, t.oid AS tableoid, a.attnum
        FROM pg_catalog.pg_depend d
        JOIN pg_catalog.pg_class t ON t.oid = d.refobjid
        JOIN pg_catalog.pg_namespace tn ON tn.oid = t.relnamespace
        JOIN pg_catalog.pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
        WHERE d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.objid = c.oid
          AND d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass
          AND d.refobjsubid > 0 AND d.deptype IN ('a', 'i')
        ORDER BY d.deptype, d.refobjid, d.refobjsubid
        LIMIT 1) o ON true
      WHERE c.relkind = 'S' AND c.relpersistence <> 't'
      ORDER BY n.nspname, c.relname
      """;

  private SequenceCatalog() {}

  /** Every sequence of the side's database but temporary ones, by name, state read. */
  static Map<TableRef, SideSequence> read(Connection connection) throws SQLException {
    Map<TableRef, SideSequence> sequences = new LinkedHashMap<>();
    List<SideSequence> toRead = new ArrayList<>();
    try (PreparedStatement statement = connection.prepareStatement(SEQUENCES);
        ResultSet rows = statement.executeQuery()) {
      while (rows.next()) {
        SideSequence sequence = sequence(rows);
        sequences.put(sequence.sequence(), sequence);
        if (sequence.unreadable() == null && sequence.position() == null) {
          toRead.add(sequence);
        }
      }
    }
    for (int from = 0; from < toRead.size(); from += STATE_CHUNK) {
      List<SideSequence> chunk = toRead.subList(from, Math.min(toRead.size(), from + STATE_CHUNK));
      for (SideSequence read : readStates(connection, chunk)) {
        sequences.put(read.sequence(), read);
      }
    }
    return sequences;
  }

  /**
   * A sequence from its catalog row: with a position already when only USAGE allowed reading it,
   * unreadable when nothing may be read, else with neither (its state is read by {@link
   * #readStates}).
   */
  private static SideSequence sequence(ResultSet rows) throws SQLException {
    TableRef name = new TableRef(rows.getString(1), rows.getString(2));
    String ownerSchema = rows.getString(13);
    TableRef ownerTable =
        ownerSchema == null ? null : new TableRef(ownerSchema, rows.getString(14));
    SequencePosition position = null;
    String unreadable = null;
    long usageLastValue = rows.getLong(12);
    boolean usageCalled = !rows.wasNull();
    if (rows.getBoolean(11)) {
      unreadable = "it is unlogged and the server is a standby, which keeps no state for it";
    } else if (!rows.getBoolean(10)) {
      if (usageCalled) {
        // pg_sequence_last_value is not null only when is_called: the value was handed out
        position = SequencePosition.taken(usageLastValue);
      } else {
        unreadable =
            "the connecting role lacks SELECT on it (USAGE shows its value only once called)";
      }
    }
    return new SideSequence(
        name,
        rows.getString(3),
        rows.getLong(4),
        rows.getLong(5),
        rows.getLong(6),
        rows.getLong(7),
        rows.getLong(8),
        rows.getBoolean(9),
        position,
        unreadable,
        ownerTable,
        ownerTable == null ? null : rows.getString(15),
        rows.getBoolean(16));
  }

  /** Reads last_value and is_called of {@code chunk} in one statement. */
  private static List<SideSequence> readStates(Connection connection, List<SideSequence> chunk)
      throws SQLException {
    StringBuilder sql = new StringBuilder();
    for (int i = 0; i < chunk.size(); i++) {
      if (i > 0) {
        sql.append("\nUNION ALL ");
      }
      // i is a number this loop produced; the name goes through SqlIdentifier
      sql.append("SELECT ")
          .append(i)
          .append(", last_value, is_called FROM ")
          .append(SqlIdentifier.quote(chunk.get(i).sequence()));
    }
    List<SideSequence> read = new ArrayList<>(chunk.size());
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql.toString())) {
      while (rows.next()) {
        SideSequence sequence = chunk.get(rows.getInt(1));
        read.add(sequence.withPosition(new SequencePosition(rows.getLong(2), rows.getBoolean(3))));
      }
    }
    return read;
  }
}
