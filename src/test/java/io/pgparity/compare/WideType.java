package io.pgparity.compare;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.slf4j.LoggerFactory;

/**
 * The column types of the wide test tables, one column each: every type whose hashing or text
 * output has a trap (equal-but-not-identical values, session-dependent output, case-insensitive
 * comparison, padding). {@code %s} in a type stands for the test schema.
 */
enum WideType {
  BIGINT("bigint"),
  INTEGER("integer"),
  SMALLINT("smallint"),
  NUMERIC("numeric"),
  REAL("real"),
  DOUBLE("double precision"),
  TEXT("text"),
  VARCHAR("varchar(20)"),
  CHAR("char(5)"),
  BYTEA("bytea"),
  BOOLEAN("boolean"),
  DATE("date"),
  TIMESTAMP("timestamp"),
  TIMESTAMPTZ("timestamptz"),
  INTERVAL("interval"),
  UUID("uuid"),
  INET("inet"),
  JSONB("jsonb"),
  JSON("json"),
  CITEXT("citext"),
  INT_ARRAY("integer[]"),
  TEXT_ARRAY("text[]"),
  /** Hashed as text, which IntervalStyle would change if pgparity did not pin it. */
  INTERVAL_ARRAY("interval[]"),
  /** Hashed as text, which TimeZone would change if pgparity did not pin it. */
  TIMESTAMPTZ_ARRAY("timestamptz[]"),
  MOOD("%s.mood"),
  CI_TEXT("text COLLATE %s.ci");

  /** The labels of the test schema's enum type, in declaration order. */
  static final String[] MOOD_LABELS = {"sad", "ok", "happy", "NULL", "it's \"fine\"", "with space"};

  private final String type;

  /**
   * Every type the servers support: citext needs the extension's files and the case-insensitive
   * collation needs ICU, on both servers. A missing one is logged and left out.
   */
  static List<WideType> supported(DataSource... servers) {
    List<WideType> types = new ArrayList<>(Arrays.asList(values()));
    if (!onAll(servers, "SELECT count(*) FROM pg_available_extensions WHERE name = 'citext'")) {
      LoggerFactory.getLogger(WideType.class)
          .warn("citext is not available on both servers; its column is left out");
      types.remove(CITEXT);
    }
    if (!onAll(servers, "SELECT count(*) FROM pg_collation WHERE collprovider = 'i'")) {
      LoggerFactory.getLogger(WideType.class)
          .warn("a server has no ICU; the case-insensitive collation column is left out");
      types.remove(CI_TEXT);
    }
    return List.copyOf(types);
  }

  private static boolean onAll(DataSource[] servers, String countSql) {
    for (DataSource server : servers) {
      try (Connection connection = server.getConnection();
          Statement statement = connection.createStatement();
          ResultSet rs = statement.executeQuery(countSql)) {
        rs.next();
        if (rs.getLong(1) == 0) {
          return false;
        }
      } catch (SQLException e) {
        throw new IllegalStateException(countSql + ": " + e.getMessage(), e);
      }
    }
    return true;
  }

  WideType(String type) {
    this.type = type;
  }

  String column() {
    return "c_" + name().toLowerCase(Locale.ROOT);
  }

  /** The type as written in CREATE TABLE. */
  String ddl(String schema) {
    return String.format(Locale.ROOT, type, schema);
  }

  /** The type a literal is cast to; a collation belongs to the column, not to the literal. */
  String cast(String schema) {
    return this == CI_TEXT ? "text" : ddl(schema);
  }

  /** Types where '', 'NULL' and NULL are three different values worth swapping. */
  boolean textLike() {
    return this == TEXT || this == VARCHAR || this == CHAR || this == CITEXT || this == CI_TEXT;
  }
}
