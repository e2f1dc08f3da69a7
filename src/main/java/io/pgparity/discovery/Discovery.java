package io.pgparity.discovery;

import io.pgparity.config.ConfigException;
import io.pgparity.config.TablePattern;
import io.pgparity.config.TableSpec;
import io.pgparity.table.LeftOutTable;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What a job's selection resolved to on both sides: the tables to compare (ordered by schema, then
 * name), the ones it matched but leaves out with the reason, and the include patterns that matched
 * no relation on either side.
 */
public record Discovery(
    List<DiscoveredTable> compared, List<LeftOutTable> leftOut, List<TablePattern> unmatched) {

  public Discovery {
    compared = List.copyOf(compared);
    leftOut = List.copyOf(leftOut);
    unmatched = List.copyOf(unmatched);
  }

  /** The specs of the compared tables, in order. */
  public List<TableSpec> tables() {
    return compared.stream().map(DiscoveredTable::spec).toList();
  }

  /**
   * Fails when a pattern matched nothing (a misspelt schema would silently compare less) or when
   * nothing is left to compare (a run over no table must not report CONSISTENT).
   *
   * @throws ConfigException naming the patterns and the fix (exit code 2)
   */
  public Discovery requireMatches() {
    if (!unmatched.isEmpty()) {
      throw new ConfigException(
          "verify: "
              + (unmatched.size() == 1 ? "pattern " : "patterns ")
              + unmatched.stream().map(p -> "'" + p + "'").collect(Collectors.joining(", "))
              + " match no table on either side; check the spelling (unquoted names fold to lower"
              + " case, double-quote a name with upper case) or remove "
              + (unmatched.size() == 1 ? "it" : "them"));
    }
    if (compared.isEmpty()) {
      throw new ConfigException(
          "verify: the selection leaves no table to compare ("
              + leftOut.size()
              + " left out: "
              + leftOut.stream()
                  .limit(5)
                  .map(t -> t.table().unambiguous() + " " + t.reason())
                  .collect(Collectors.joining(", "))
              + (leftOut.size() > 5 ? ", ..." : "")
              + "); widen the selection or remove an --exclude");
    }
    return this;
  }
}
