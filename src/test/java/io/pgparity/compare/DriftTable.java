package io.pgparity.compare;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgparity.connect.Side;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * A test table on both servers together with a model of what each side holds. Drift is applied to
 * the model and, as SQL, to the chosen side; the model then says exactly which divergences the
 * engine must report. {@link #restore()} puts both sides back to the base rows.
 */
final class DriftTable {

  /** What the tests' own sessions pin, so literals parse and values print as under pgparity. */
  static final String PINNED =
      "SET TimeZone = 'UTC'; SET DateStyle = 'ISO, YMD'; SET IntervalStyle = 'postgres';"
          + " SET extra_float_digits = 3; SET bytea_output = 'hex'; SET search_path = pg_catalog, public;"
          + " SET standard_conforming_strings = on; SET array_nulls = on";

  private static final int BATCH = 500;

  final String name;
  final KeyKind kind;
  final List<String> columns;
  final List<WideType> types;
  private final Map<Side, DataSource> servers = new EnumMap<>(Side.class);
  private final String ddlColumns;
  private final Map<List<String>, Cell[]> base = new LinkedHashMap<>();
  private final Map<List<String>, Cell[]> keyCells = new LinkedHashMap<>();
  private final Map<Side, Map<List<String>, Cell[]>> current = new EnumMap<>(Side.class);
  private final Map<Side, Set<List<String>>> touched = new EnumMap<>(Side.class);
  private final Map<Side, List<String>> pending = new EnumMap<>(Side.class);

  DriftTable(
      DataSource primary,
      DataSource replica,
      String schema,
      String table,
      KeyKind kind,
      List<WideType> types) {
    this.name = schema + "." + table;
    this.kind = kind;
    this.types = List.copyOf(types);
    servers.put(Side.PRIMARY, primary);
    servers.put(Side.REPLICA, replica);
    List<String> names = new ArrayList<>(kind.names);
    List<String> ddl = new ArrayList<>();
    for (int i = 0; i < kind.names.size(); i++) {
      ddl.add(kind.names.get(i) + " " + kind.types.get(i));
    }
    for (WideType type : types) {
      names.add(type.column());
      ddl.add(type.column() + " " + type.ddl(schema));
    }
    this.columns = List.copyOf(names);
    this.ddlColumns =
        String.join(", ", ddl) + ", PRIMARY KEY (" + String.join(", ", kind.names) + ")";
    for (Side side : Side.values()) {
      current.put(side, new LinkedHashMap<>());
      touched.put(side, new LinkedHashSet<>());
      pending.put(side, new ArrayList<>());
    }
  }

  void create() {
    for (Side side : Side.values()) {
      exec(side, List.of("CREATE TABLE " + name + " (" + ddlColumns + ")"));
    }
  }

  /** Adds a row to the base data (the model of both sides); {@link #load} writes it. */
  void addBase(Cell[] row) {
    List<String> key = key(row);
    base.put(key, row);
    keyCells.put(key, row);
    current.values().forEach(rows -> rows.put(key, row));
  }

  /** Inserts the base rows on the given sides. */
  void load(Side... sides) {
    for (Side side : sides) {
      exec(side, inserts(new ArrayList<>(base.values())));
    }
  }

  void analyze() {
    for (Side side : Side.values()) {
      exec(side, List.of("ANALYZE " + name));
    }
  }

  int keySize() {
    return kind.names.size();
  }

  List<List<String>> keys(Side side) {
    return List.copyOf(current.get(side).keySet());
  }

  Cell[] row(Side side, List<String> key) {
    return current.get(side).get(key);
  }

  boolean known(List<String> key) {
    return keyCells.containsKey(key);
  }

  void delete(Side side, List<String> key) {
    if (current.get(side).remove(key) != null) {
      touched.get(side).add(key);
      pending.get(side).add("DELETE FROM " + name + " WHERE " + keyIn(List.of(key)));
    }
  }

  void insert(Side side, Cell[] row) {
    List<String> key = key(row);
    keyCells.putIfAbsent(key, row);
    current.get(side).put(key, row);
    touched.get(side).add(key);
    pending.get(side).addAll(inserts(List.<Cell[]>of(row)));
  }

  /** Sets one non-key column of an existing row on one side. */
  void update(Side side, List<String> key, int column, Cell value) {
    Cell[] row = current.get(side).get(key).clone();
    row[column] = value;
    current.get(side).put(key, row);
    touched.get(side).add(key);
    pending
        .get(side)
        .add(
            "UPDATE "
                + name
                + " SET "
                + columns.get(column)
                + " = "
                + value.sql()
                + " WHERE "
                + keyIn(List.of(key)));
  }

  /** Runs the drift queued since the last call. */
  void apply() {
    for (Side side : Side.values()) {
      exec(side, pending.get(side));
      pending.get(side).clear();
    }
  }

  /** Puts every touched row back to its base version on both sides. */
  void restore() {
    for (Side side : Side.values()) {
      List<List<String>> keys = new ArrayList<>(touched.get(side));
      List<String> sql = new ArrayList<>();
      for (int start = 0; start < keys.size(); start += BATCH) {
        sql.add(
            "DELETE FROM "
                + name
                + " WHERE "
                + keyIn(keys.subList(start, Math.min(keys.size(), start + BATCH))));
      }
      sql.addAll(inserts(keys.stream().filter(base::containsKey).map(base::get).toList()));
      pending.get(side).clear();
      exec(side, sql);
      current.put(side, new LinkedHashMap<>(base));
      touched.get(side).clear();
    }
  }

  long rows(Side side) {
    return current.get(side).size();
  }

  /** What a verify run of this table must report now. */
  VerifyRun.Expectation expectation() {
    return new VerifyRun.Expectation(name, expected(), rows(Side.PRIMARY), rows(Side.REPLICA));
  }

  /** Every divergence the model implies, in no particular order. */
  List<DivergentRow> expected() {
    Set<List<String>> keys = new LinkedHashSet<>(current.get(Side.PRIMARY).keySet());
    keys.addAll(current.get(Side.REPLICA).keySet());
    List<DivergentRow> expected = new ArrayList<>();
    for (List<String> key : keys) {
      Cell[] p = current.get(Side.PRIMARY).get(key);
      Cell[] r = current.get(Side.REPLICA).get(key);
      List<String> differing = new ArrayList<>();
      if (p != null && r != null) {
        for (int i = keySize(); i < columns.size(); i++) {
          if (!Objects.equals(p[i].text(), r[i].text())) {
            differing.add(columns.get(i));
          }
        }
        if (differing.isEmpty()) {
          continue;
        }
      }
      DivergenceKind divergence =
          p == null
              ? DivergenceKind.EXTRA_ON_REPLICA
              : r == null ? DivergenceKind.MISSING_ON_REPLICA : DivergenceKind.CHANGED;
      expected.add(new DivergentRow(name, keyMap(key), divergence, differing, texts(p), texts(r)));
    }
    return expected;
  }

  /**
   * Fails naming the first differences if a side does not hold what the model says (a fixture bug).
   */
  void assertStoredAsModelled(Side side) {
    String select = columns.stream().map(c -> c + "::text").collect(Collectors.joining(", "));
    Map<List<String>, List<String>> stored = new LinkedHashMap<>();
    try (Connection connection = servers.get(side).getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(PINNED);
      try (ResultSet rs = statement.executeQuery("SELECT " + select + " FROM " + name)) {
        while (rs.next()) {
          List<String> values = new ArrayList<>();
          for (int i = 1; i <= columns.size(); i++) {
            values.add(rs.getString(i));
          }
          stored.put(List.copyOf(values.subList(0, keySize())), values);
        }
      }
    } catch (SQLException e) {
      throw new AssertionError(name + " on the " + side.label() + ": " + e.getMessage(), e);
    }
    List<String> problems = new ArrayList<>();
    current
        .get(side)
        .forEach(
            (key, row) -> {
              List<String> values = stored.remove(key);
              for (int i = 0; values != null && i < columns.size() && problems.size() < 20; i++) {
                if (!Objects.equals(values.get(i), row[i].text())) {
                  problems.add(
                      key
                          + " "
                          + columns.get(i)
                          + ": modelled <"
                          + row[i].text()
                          + "> from "
                          + row[i].sql()
                          + ", stored <"
                          + values.get(i)
                          + ">");
                }
              }
              if (values == null) {
                problems.add(key + ": modelled but not stored");
              }
            });
    stored.keySet().stream()
        .limit(20)
        .forEach(key -> problems.add(key + ": stored but not modelled"));
    assertThat(problems)
        .as("%s on the %s holds what the test modelled", name, side.label())
        .isEmpty();
  }

  private List<String> inserts(List<Cell[]> rows) {
    List<String> sql = new ArrayList<>();
    for (int start = 0; start < rows.size(); start += BATCH) {
      String values =
          rows.subList(start, Math.min(rows.size(), start + BATCH)).stream()
              .map(
                  row ->
                      "("
                          + Arrays.stream(row).map(Cell::sql).collect(Collectors.joining(", "))
                          + ")")
              .collect(Collectors.joining(",\n"));
      sql.add("INSERT INTO " + name + " (" + String.join(", ", columns) + ") VALUES " + values);
    }
    return sql;
  }

  private String keyIn(List<List<String>> keys) {
    String tuples =
        keys.stream()
            .map(
                k ->
                    Arrays.stream(keyCells.get(k), 0, keySize())
                        .map(Cell::sql)
                        .collect(Collectors.joining(", ", "(", ")")))
            .collect(Collectors.joining(", "));
    return "(" + String.join(", ", kind.names) + ") IN (" + tuples + ")";
  }

  private void exec(Side side, List<String> sql) {
    if (sql.isEmpty()) {
      return;
    }
    try (Connection connection = servers.get(side).getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(PINNED);
      for (String s : sql) {
        statement.execute(s);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(name + " on the " + side.label() + ": " + e.getMessage(), e);
    }
  }

  private List<String> key(Cell[] row) {
    return KeyKind.texts(Arrays.copyOf(row, keySize()));
  }

  private Map<String, String> keyMap(List<String> key) {
    Map<String, String> values = new LinkedHashMap<>();
    for (int i = 0; i < keySize(); i++) {
      values.put(columns.get(i), key.get(i));
    }
    return values;
  }

  private Map<String, String> texts(Cell[] row) {
    if (row == null) {
      return null;
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (int i = 0; i < columns.size(); i++) {
      values.put(columns.get(i), row[i].text());
    }
    return values;
  }
}
