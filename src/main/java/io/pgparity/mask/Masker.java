package io.pgparity.mask;

import static com.google.common.base.Preconditions.checkNotNull;

import io.pgparity.compare.Divergence;
import io.pgparity.config.JobDefinition;
import io.pgparity.config.MaskKey;
import io.pgparity.config.TableSpec;
import io.pgparity.table.TableRef;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Gives the reportable copy of a divergence: the values of its table's masked columns, on both
 * sides, replaced by {@link Fingerprint}s. SQL NULL stays null, so NULL against a value still
 * shows; keys, kinds and column names are unchanged. Immutable and safe to share between threads.
 */
public final class Masker {

  /** Masks nothing. */
  public static final Masker NONE = new Masker(Map.of(), null);

  private final Map<TableRef, Set<String>> columns;
  private final MaskKey key;

  private Masker(Map<TableRef, Set<String>> columns, MaskKey key) {
    this.columns = columns;
    this.key = key;
  }

  /** Masks each table's {@link TableSpec#mask()} columns under {@code key}. */
  public static Masker of(List<TableSpec> tables, MaskKey key) {
    checkNotNull(key, "key");
    Map<TableRef, Set<String>> columns = new LinkedHashMap<>();
    for (TableSpec spec : tables) {
      if (!spec.mask().isEmpty()) {
        columns.put(spec.table(), Set.copyOf(spec.mask()));
      }
    }
    return columns.isEmpty() ? NONE : new Masker(Map.copyOf(columns), key);
  }

  /**
   * The masker of a job: {@link #NONE} when no table masks columns (no key is needed then), else
   * keyed as {@link MaskKey#resolve} says.
   */
  public static Masker forJob(JobDefinition definition, Map<String, String> env) {
    return definition.masks()
        ? of(definition.tables(), MaskKey.resolve(definition.maskKeyEnv(), env))
        : NONE;
  }

  /** True when some table has masked columns. */
  public boolean active() {
    return !columns.isEmpty();
  }

  /** The masked columns of {@code table}; empty when it has none. */
  public Set<String> columns(TableRef table) {
    return columns.getOrDefault(table, Set.of());
  }

  /**
   * The copy of {@code divergence} fit for reports; the same object when its table masks nothing.
   */
  public Divergence mask(Divergence divergence) {
    Set<String> masked = columns(divergence.table());
    if (masked.isEmpty()) {
      return divergence;
    }
    return new Divergence(
        divergence.table(),
        divergence.key(),
        divergence.kind(),
        divergence.columns(),
        row(divergence.primary(), masked),
        row(divergence.replica(), masked));
  }

  /** One line for the log: which columns of which tables, and where the key came from. */
  public String describe() {
    if (!active()) {
      return "no columns";
    }
    String tables =
        columns.entrySet().stream()
            .sorted(Map.Entry.comparingByKey(Comparator.comparing(TableRef::toString)))
            .map(
                e ->
                    e.getKey()
                        + " ("
                        + e.getValue().stream().sorted().collect(Collectors.joining(", "))
                        + ")")
            .collect(Collectors.joining(", "));
    return tables + "; fingerprints keyed by " + key.source();
  }

  private Map<String, String> row(Map<String, String> values, Set<String> masked) {
    if (values == null) {
      return null;
    }
    Map<String, String> copy = new LinkedHashMap<>(values);
    copy.replaceAll(
        (column, value) ->
            value == null || !masked.contains(column) ? value : Fingerprint.of(key, value).text());
    return copy;
  }
}
