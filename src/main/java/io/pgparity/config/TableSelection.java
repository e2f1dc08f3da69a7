package io.pgparity.config;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which tables a job finds in the databases besides the ones it names exactly: {@code include}
 * patterns ({@code --all} is {@code *.*}, {@code --schema app} is {@code app.*}, a job file's
 * tables entry with a wildcard), {@code exclude} patterns that leave matches out, and whether
 * materialized views are compared too. Exact table entries are not here (they are the job's {@code
 * tables}) and always win: an exclude pattern never leaves out a table named exactly.
 */
public record TableSelection(
    List<TablePattern> include, List<TablePattern> exclude, boolean materializedViews) {

  /** No discovery: the job compares exactly the tables it names. */
  public static final TableSelection NONE = new TableSelection(List.of(), List.of(), false);

  /** The pattern --all stands for. */
  public static final String ALL = "*.*";

  public TableSelection {
    include = List.copyOf(include);
    exclude = List.copyOf(exclude);
    twice(include, "table pattern");
    twice(exclude, "exclude pattern");
  }

  /** True when the job finds tables in the databases rather than only naming them. */
  public boolean discovers() {
    return !include.isEmpty();
  }

  /** The same selection comparing materialized views too when {@code materializedViews}. */
  public TableSelection withMaterializedViews(boolean materializedViews) {
    return new TableSelection(include, exclude, materializedViews);
  }

  private static void twice(List<TablePattern> patterns, String what) {
    Set<TablePattern> seen = new HashSet<>();
    for (TablePattern pattern : patterns) {
      checkArgument(seen.add(pattern), "%s '%s' is given twice; give it once", what, pattern);
    }
  }
}
