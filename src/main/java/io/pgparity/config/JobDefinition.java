package io.pgparity.config;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.nio.file.Path;
import java.util.List;

/**
 * A validated check: which two servers, which tables, how to tune the run and where its output
 * and job repository go. {@code jobRepositoryUrl} null means an embedded file database under
 * {@code out}.
 */
public record JobDefinition(
    String name,
    ConnectionSpec primary,
    ConnectionSpec replica,
    List<TableSpec> tables,
    Tuning tuning,
    Path out,
    String jobRepositoryUrl) {

  /** Job names become folder names, so they are kept to a safe alphabet. */
  public static final String NAME_PATTERN = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";

  public JobDefinition {
    checkArgument(
        name != null && name.matches(NAME_PATTERN),
        "job name must match %s but was '%s'",
        NAME_PATTERN,
        name);
    checkNotNull(primary, "primary");
    checkNotNull(replica, "replica");
    checkNotNull(tuning, "tuning");
    checkNotNull(out, "out");
    tables = List.copyOf(tables);
    checkArgument(!tables.isEmpty(), "a job needs at least one table");
    long distinct = tables.stream().map(TableSpec::table).distinct().count();
    checkArgument(distinct == tables.size(), "job '%s' lists a table twice", name);
  }
}
