package io.pgparity.discovery;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import io.pgparity.config.TableSpec;

/**
 * A table the run compares, with the catalog's size estimate (the larger of the two sides; {@code
 * estimatedRows} -1 when neither side ever analyzed it, {@code pages} 0 then too) and {@code
 * detail} (nullable), what an auditor should know about how it is compared, e.g. that one side
 * partitions it and the other does not.
 */
public record DiscoveredTable(TableSpec spec, long estimatedRows, long pages, String detail) {

  public DiscoveredTable {
    checkNotNull(spec, "spec");
    checkArgument(estimatedRows >= -1, "%s: estimatedRows %s", spec.table(), estimatedRows);
    checkArgument(pages >= 0, "%s: pages %s", spec.table(), pages);
  }
}
