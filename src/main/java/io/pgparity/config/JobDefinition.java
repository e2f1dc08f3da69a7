package io.pgparity.config;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import io.pgparity.config.connection.ConnectionSpec;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A validated check: which two servers, which tables, how to tune the run and where its output and
 * job repository go. {@code jobRepositoryUrl} null means an embedded file database under {@code
 * out}. {@code maskKeyEnv} names the environment variable holding the key of masked columns'
 * fingerprints; null means {@value #DEFAULT_MASK_KEY_ENV} if set, else a random key per run. {@code
 * metrics} says where the run's Prometheus metrics go (null is taken as none). {@code shard}
 * (nullable) limits the run to the rows of one shard of the check. {@code expect} names server
 * settings the replication audit of every run expects (setting to value; null is none). {@code
 * selection} (null is {@link TableSelection#NONE}) finds further tables in the databases by
 * pattern; with one, {@code tables} may be empty and holds the entries named exactly, which keep
 * their options.
 */
public record JobDefinition(
    String name,
    ConnectionSpec primary,
    ConnectionSpec replica,
    List<TableSpec> tables,
    Tuning tuning,
    Path out,
    String jobRepositoryUrl,
    String maskKeyEnv,
    MetricsTargets metrics,
    Shard shard,
    Map<String, String> expect,
    TableSelection selection) {

  /** Job names become folder names, so they are kept to a safe alphabet. */
  public static final String NAME_PATTERN = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";

  /** The variable that keys fingerprints when the job names none. */
  public static final String DEFAULT_MASK_KEY_ENV = "PGPARITY_MASK_KEY";

  /** A fingerprint key shorter than this would be guessable. */
  public static final int MIN_MASK_KEY_CHARS = 16;

  /** Environment variable names as a shell accepts them. */
  public static final String ENV_NAME_PATTERN = "[A-Za-z_][A-Za-z0-9_]*";

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
    selection = selection == null ? TableSelection.NONE : selection;
    checkArgument(
        !tables.isEmpty() || selection.discovers(), "a job needs at least one table or pattern");
    long distinct = tables.stream().map(TableSpec::table).distinct().count();
    checkArgument(distinct == tables.size(), "job '%s' lists a table twice", name);
    // the message never repeats the value: a key pasted here by mistake must not be printed
    checkArgument(
        maskKeyEnv == null || maskKeyEnv.matches(ENV_NAME_PATTERN),
        "mask-key-env must be the name of an environment variable (letters, digits and _), e.g. %s,"
            + " not the key itself",
        DEFAULT_MASK_KEY_ENV);
    metrics = metrics == null ? MetricsTargets.NONE : metrics;
    // in file order: the audit reports them in the order the job lists them
    expect = expect == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(expect));
  }

  /** A job that compares exactly the tables it names (no patterns). */
  public JobDefinition(
      String name,
      ConnectionSpec primary,
      ConnectionSpec replica,
      List<TableSpec> tables,
      Tuning tuning,
      Path out,
      String jobRepositoryUrl,
      String maskKeyEnv,
      MetricsTargets metrics,
      Shard shard,
      Map<String, String> expect) {
    this(
        name,
        primary,
        replica,
        tables,
        tuning,
        out,
        jobRepositoryUrl,
        maskKeyEnv,
        metrics,
        shard,
        expect,
        TableSelection.NONE);
  }

  /** The same job with other tuning (the threads --threads auto chose). */
  public JobDefinition withTuning(Tuning tuning) {
    return new JobDefinition(
        name,
        primary,
        replica,
        tables,
        tuning,
        out,
        jobRepositoryUrl,
        maskKeyEnv,
        metrics,
        shard,
        expect,
        selection);
  }

  /** The same job limited to one shard. */
  public JobDefinition withShard(Shard shard) {
    return new JobDefinition(
        name,
        primary,
        replica,
        tables,
        tuning,
        out,
        jobRepositoryUrl,
        maskKeyEnv,
        metrics,
        shard,
        expect,
        selection);
  }

  /** The same job with masked columns keyed by the variable {@code maskKeyEnv} names. */
  public JobDefinition withMaskKeyEnv(String maskKeyEnv) {
    return new JobDefinition(
        name,
        primary,
        replica,
        tables,
        tuning,
        out,
        jobRepositoryUrl,
        maskKeyEnv,
        metrics,
        shard,
        expect,
        selection);
  }

  /** The same job writing its metrics to {@code metrics}. */
  public JobDefinition withMetrics(MetricsTargets metrics) {
    return new JobDefinition(
        name,
        primary,
        replica,
        tables,
        tuning,
        out,
        jobRepositoryUrl,
        maskKeyEnv,
        metrics,
        shard,
        expect,
        selection);
  }

  /**
   * A job with no shard, no expected settings, no metrics and masked columns (if any) keyed by the
   * default key.
   */
  public JobDefinition(
      String name,
      ConnectionSpec primary,
      ConnectionSpec replica,
      List<TableSpec> tables,
      Tuning tuning,
      Path out,
      String jobRepositoryUrl) {
    this(
        name,
        primary,
        replica,
        tables,
        tuning,
        out,
        jobRepositoryUrl,
        null,
        MetricsTargets.NONE,
        null,
        Map.of(),
        TableSelection.NONE);
  }

  /** The same job finding tables by {@code selection} besides the ones it names. */
  public JobDefinition withSelection(TableSelection selection) {
    return new JobDefinition(
        name,
        primary,
        replica,
        tables,
        tuning,
        out,
        jobRepositoryUrl,
        maskKeyEnv,
        metrics,
        shard,
        expect,
        selection);
  }

  /** True when some table masks columns. */
  public boolean masks() {
    return tables.stream().anyMatch(t -> !t.mask().isEmpty());
  }
}
