package io.pgparity.report;

import static com.google.common.base.Preconditions.checkNotNull;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.pgparity.config.JobDefinition;
import io.pgparity.config.Shard;
import io.pgparity.config.TableSpec;
import io.pgparity.config.connection.ConnectionSpec;
import io.pgparity.config.connection.PasswordResolver;
import io.pgparity.table.LeftOutTable;
import java.nio.file.Path;
import java.util.List;

/**
 * job.json, written into a run folder at its start: what was compared and how, without secrets
 * (passwords are never in a definition; a password in a URL is redacted), so the folder says on its
 * own which servers and tables it is about. The one schema its writer ({@link JobJsonWriter}) and
 * its readers (pgparity repair and merge) share; components are written in their order. {@code
 * shard} is written only for a sharded run: the only field in which the job.json files of one
 * sharded check differ. {@code leftOut} lists the tables the selection matched but the run does not
 * compare, with why (written only when there are some, so other job.json files keep their bytes).
 */
public record JobJson(
    String name,
    Connection primary,
    Connection replica,
    List<Table> tables,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<SummaryJson.LeftOut> leftOut,
    Tuning tuning,
    @JsonInclude(JsonInclude.Include.NON_NULL) Shard shard) {

  /** The file name inside a run folder. */
  public static final String FILE_NAME = "job.json";

  public JobJson {
    checkNotNull(name, "no name");
    checkNotNull(primary, "no primary");
    checkNotNull(replica, "no replica");
    checkNotNull(tables, "no tables");
    tables = List.copyOf(tables);
    leftOut = leftOut == null ? List.of() : List.copyOf(leftOut);
  }

  /** A job.json without left-out tables: the shape before they were listed. */
  public JobJson(
      String name,
      Connection primary,
      Connection replica,
      List<Table> tables,
      Tuning tuning,
      Shard shard) {
    this(name, primary, replica, tables, List.of(), tuning, shard);
  }

  /** What job.json says of {@code definition}, no table left out. */
  public static JobJson of(JobDefinition definition) {
    return of(definition, List.of());
  }

  /**
   * What job.json says of {@code definition} whose selection also matched the {@code leftOut}
   * tables.
   */
  public static JobJson of(JobDefinition definition, List<LeftOutTable> leftOut) {
    return of(definition, definition.tables(), leftOut);
  }

  /**
   * What job.json says of a run of {@code definition} that compared the {@code compared} tables
   * (its selection resolved: exact entries, what patterns matched, partitions) and left out {@code
   * leftOut}: repair reads the tables from here.
   */
  public static JobJson of(
      JobDefinition definition,
      List<io.pgparity.config.TableSpec> compared,
      List<LeftOutTable> leftOut) {
    io.pgparity.config.Tuning t = definition.tuning();
    return new JobJson(
        definition.name(),
        Connection.of(definition.primary()),
        Connection.of(definition.replica()),
        compared.stream().map(Table::of).toList(),
        leftOut.stream().map(SummaryJson.LeftOut::of).toList(),
        new Tuning(
            t.threads(),
            t.chunkRows(),
            t.maxDivergences(),
            t.live().lagAware(),
            t.live().rechecks(),
            t.autoThreads() ? true : null),
        definition.shard());
  }

  /**
   * Reads a run folder's job.json; a JacksonException or IllegalArgumentException says what is
   * wrong.
   */
  public static JobJson read(Path file) {
    return RunFileJson.MAPPER.readValue(file.toFile(), JobJson.class);
  }

  /**
   * This job.json as an unsharded run writes it (what pgparity merge writes for the merged run).
   */
  public JobJson withoutShard() {
    return new JobJson(name, primary, replica, tables, leftOut, tuning, null);
  }

  /**
   * This job.json with the number of threads left out when --threads auto chose it: each shard of
   * one check chooses from what the servers offer when it starts, and threads only set how much
   * runs at once, never what a run finds.
   */
  public JobJson withoutChosenThreads() {
    if (tuning == null || !Boolean.TRUE.equals(tuning.autoThreads())) {
      return this;
    }
    Tuning unchosen =
        new Tuning(
            0,
            tuning.chunkRows(),
            tuning.maxDivergences(),
            tuning.lagAware(),
            tuning.rechecks(),
            true);
    return new JobJson(name, primary, replica, tables, leftOut, unchosen, shard);
  }

  /** One server: its JDBC URL, a password in it redacted as {@code password=***}. */
  public record Connection(String url) {

    public Connection {
      checkNotNull(url, "no url");
    }

    static Connection of(ConnectionSpec spec) {
      return new Connection(PasswordResolver.redact(spec.url()));
    }

    /**
     * The URL to connect with: the redacted {@code password=***} parameter removed, as the
     * placeholder must not be sent as a password.
     */
    public String connectableUrl() {
      return url.replaceAll("([?&])password=\\*\\*\\*(&|$)", "$1").replaceAll("[?&]$", "");
    }
  }

  /**
   * One compared table, named as {@link io.pgparity.table.TableRef#unambiguous()} writes it ({@code
   * schema.table} for plain names, other parts double-quoted); the settle fields are written only
   * for a table with a settle window, and {@code mask} names the columns whose values appear as
   * fingerprints in this folder (the names only).
   */
  public record Table(
      String table,
      List<String> key,
      List<String> columns,
      List<String> ignoreColumns,
      String where,
      @JsonInclude(JsonInclude.Include.NON_NULL) String settleColumn,
      @JsonInclude(JsonInclude.Include.NON_NULL) Long settleWindowSeconds,
      List<String> mask) {

    public Table {
      checkNotNull(table, "no table");
    }

    static Table of(TableSpec spec) {
      return new Table(
          spec.table().unambiguous(),
          spec.key(),
          spec.columns(),
          spec.ignoreColumns(),
          spec.where(),
          spec.settle() == null ? null : spec.settle().column(),
          spec.settle() == null ? null : spec.settle().window().toSeconds(),
          spec.mask());
    }
  }

  /**
   * The tuning that shapes what a run finds. {@code autoThreads} is true when --threads auto chose
   * {@code threads}, and not written otherwise (so other job.json files keep their bytes).
   */
  public record Tuning(
      int threads,
      int chunkRows,
      int maxDivergences,
      boolean lagAware,
      int rechecks,
      @JsonInclude(JsonInclude.Include.NON_NULL) Boolean autoThreads) {

    /** Tuning of a run with a fixed number of threads. */
    public Tuning(int threads, int chunkRows, int maxDivergences, boolean lagAware, int rechecks) {
      this(threads, chunkRows, maxDivergences, lagAware, rechecks, null);
    }
  }
}
