package io.pgparity.report;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import io.pgparity.compare.Divergence;
import io.pgparity.compare.DivergenceKind;
import io.pgparity.table.TableRef;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.InvalidFormatException;

/**
 * One line of divergences.jsonl (and of repair's repair-divergences.jsonl): the one schema its
 * writer ({@link DivergenceWriter}) and its readers (pgparity repair and merge) share. The table is
 * written as {@link TableRef#unambiguous()} writes it ({@code schema.table} for plain names); rows
 * map column names to their text (null for NULL), in the order of the map they were made from;
 * {@code columns} lists the changed columns of a CHANGED row and is empty otherwise; {@code
 * primary} or {@code replica} is null on the side without the row.
 */
public record DivergenceLine(
    String table,
    Map<String, String> key,
    DivergenceKind kind,
    List<String> columns,
    Map<String, String> primary,
    Map<String, String> replica) {

  public DivergenceLine {
    checkArgument(table != null, "no table field");
    checkArgument(kind != null, "no kind field");
    columns = columns == null ? List.of() : columns;
  }

  /** The line of {@code d}. */
  public static DivergenceLine of(Divergence d) {
    checkNotNull(d, "d");
    return new DivergenceLine(
        d.table().unambiguous(),
        d.key(),
        d.kind(),
        d.kind() == DivergenceKind.CHANGED ? d.columns() : List.of(),
        d.primary(),
        d.replica());
  }

  /** The line as text: one compact JSON object, without the line end. */
  public String text() {
    return RunFileJson.LINES.writeValueAsString(this);
  }

  /** Parses one line; an IllegalArgumentException says what is wrong with it. */
  public static DivergenceLine parse(String line) {
    DivergenceLine parsed;
    try {
      parsed = RunFileJson.LINES.readValue(line, DivergenceLine.class);
    } catch (InvalidFormatException e) {
      if (e.getTargetType() == DivergenceKind.class) {
        throw new IllegalArgumentException("unknown kind '" + e.getValue() + "'");
      }
      throw new IllegalArgumentException(
          "not a JSON object of a divergence: " + e.getOriginalMessage());
    } catch (JacksonException e) {
      throw new IllegalArgumentException("not a JSON object: " + e.getOriginalMessage());
    }
    checkArgument(parsed != null, "not a JSON object");
    return parsed;
  }

  /**
   * The divergence, its table one of the run's own {@code tables} ({@link #table(List, String)}).
   */
  public Divergence divergence(List<TableRef> tables) {
    TableRef ref =
        table(tables, table)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "table " + table + " is not in the run's job.json"));
    return new Divergence(ref, key, kind, columns, primary, replica);
  }

  /**
   * The one of {@code tables} that a run file names {@code text}: as {@link TableRef#unambiguous()}
   * writes it, else (files written before it) unquoted as {@code schema.table}, where the run's own
   * tables say which dot splits schema from name.
   */
  static Optional<TableRef> table(List<TableRef> tables, String text) {
    Optional<TableRef> named =
        tables.stream().filter(t -> t.unambiguous().equals(text)).findFirst();
    return named.isPresent()
        ? named
        : tables.stream().filter(t -> t.toString().equals(text)).findFirst();
  }
}
