package io.pgparity.metrics;

import static com.google.common.base.Preconditions.checkNotNull;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.pgparity.audit.AuditReport;
import io.pgparity.finding.FindingSeverity;
import io.pgparity.report.RunResult;
import io.pgparity.report.TableResult;
import io.pgparity.verdict.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * A finished run's metrics in a registry of their own, rendered as Prometheus text. The job is the
 * label {@value #JOB_LABEL}, not {@code job}: Prometheus and the Pushgateway own that label.
 */
public final class RunMetrics {

  /** The label that names the pgparity job. */
  public static final String JOB_LABEL = "pgparity_job";

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final String job;

  private RunMetrics(String job) {
    this.job = checkNotNull(job, "job");
  }

  /**
   * The metrics of {@code result}; {@code lastSuccess} is the end of the newest run that judged
   * every row (this one if it did), or null when none is known.
   */
  public static RunMetrics of(RunResult result, Instant lastSuccess) {
    RunMetrics metrics = new RunMetrics(result.run().job());
    metrics.run(result.status(), result.startedAt(), result.finishedAt(), lastSuccess);
    metrics.wholeDatabase(result);
    for (TableResult table : result.tables()) {
      metrics.table(table);
    }
    if (result.replication() != null) {
      metrics.gauge(
          "pgparity.replica.lag.max.bytes",
          "Largest replica lag the run saw, in WAL bytes",
          Tags.empty(),
          result.replication()::largestLagBytes);
    }
    if (result.audit() != null) {
      metrics.audit(result.audit());
    }
    return metrics;
  }

  /** The metrics of a run that failed before it had a run folder: its status and duration only. */
  public static RunMetrics failedBeforeStart(
      String job, Instant startedAt, Instant finishedAt, Instant lastSuccess) {
    RunMetrics metrics = new RunMetrics(job);
    metrics.run(Status.FAILED, startedAt, finishedAt, lastSuccess);
    return metrics;
  }

  /** True for a status that judged every row: the check did its work, whatever it found. */
  public static boolean success(Status status) {
    return status == Status.CONSISTENT || status == Status.DIVERGENT;
  }

  /** The Prometheus text exposition format (version 0.0.4). */
  public String text() {
    return registry.scrape();
  }

  private void run(Status status, Instant startedAt, Instant finishedAt, Instant lastSuccess) {
    for (Status value : Status.values()) {
      gauge(
          "pgparity.status",
          "1 for the status of the last run, 0 for the others",
          Tags.of("status", value.name()),
          () -> value == status ? 1 : 0);
    }
    double seconds = Duration.between(startedAt, finishedAt).toMillis() / 1000.0;
    gauge("pgparity.run.duration.seconds", "Duration of the last run", Tags.empty(), () -> seconds);
    gauge(
        "pgparity.last.run.timestamp.seconds",
        "End of the last run, in unix seconds",
        Tags.empty(),
        () -> finishedAt.toEpochMilli() / 1000.0);
    if (lastSuccess != null) {
      gauge(
          "pgparity.last.success.timestamp.seconds",
          "End of the last run that judged every row (CONSISTENT or DIVERGENT), in unix seconds",
          Tags.empty(),
          () -> lastSuccess.toEpochMilli() / 1000.0);
    }
  }

  /**
   * Counts a dashboard shows without summing per-table series (a thousand of them): tables
   * compared, diverged, left out and done (judged every row: CONSISTENT or DIVERGENT), schema
   * findings by severity, sequences divergent and not.
   */
  private void wholeDatabase(RunResult result) {
    long compared = result.tables().size();
    long diverged = result.divergedTables();
    long left = result.tablesNotCompared();
    long done = result.tables().stream().filter(t -> success(t.status())).count();
    gauge("pgparity.tables.compared", "Tables the last run compared", Tags.empty(), () -> compared);
    gauge(
        "pgparity.tables.diverged",
        "Tables of the last run with divergent rows or a schema finding of their own",
        Tags.empty(),
        () -> diverged);
    gauge(
        "pgparity.tables.left.out",
        "Tables the selection matched but the last run did not compare",
        Tags.empty(),
        () -> left);
    gauge(
        "pgparity.tables.done",
        "Tables of the last run whose every row was judged (CONSISTENT or DIVERGENT)",
        Tags.empty(),
        () -> done);
    for (FindingSeverity severity : FindingSeverity.values()) {
      long count = result.schemaFindings().stream().filter(f -> f.severity() == severity).count();
      gauge(
          "pgparity.schema.findings",
          "Schema findings of the last run by severity",
          Tags.of("severity", severity.name()),
          () -> count);
    }
    long divergentSequences = result.divergentSequences();
    long sequences = result.sequences().size();
    gauge(
        "pgparity.sequences.compared",
        "Sequences the last run compared",
        Tags.empty(),
        () -> sequences);
    gauge(
        "pgparity.sequences.divergent",
        "Sequences behind on the replica or missing there",
        Tags.empty(),
        () -> divergentSequences);
  }

  // every kind, zeros included, so an alert on a kind has a series before its first finding
  private void audit(AuditReport audit) {
    audit
        .counts()
        .forEach(
            (kind, count) ->
                gauge(
                    "pgparity.audit.findings",
                    "Replication audit findings of the last run by kind",
                    Tags.of("kind", kind.name()),
                    () -> count));
    int unread = audit.errors().size();
    gauge(
        "pgparity.audit.errors",
        "Parts of the replication state the last run's audit could not read",
        Tags.empty(),
        () -> unread);
  }

  private void table(TableResult table) {
    Tags tags = Tags.of("table", table.table().unambiguous());
    gauge(
        "pgparity.rows.compared",
        "Rows of the table read on the primary",
        tags,
        table.rows()::rowsPrimary);
    String divergent =
        "Divergent rows by kind: missing on the replica, extra on the replica, changed";
    gauge(
        "pgparity.divergent.rows",
        divergent,
        tags.and("kind", "missing"),
        table.differences()::missingOnReplica);
    gauge(
        "pgparity.divergent.rows",
        divergent,
        tags.and("kind", "extra"),
        table.differences()::extraOnReplica);
    gauge(
        "pgparity.divergent.rows",
        divergent,
        tags.and("kind", "changed"),
        table.differences()::changed);
    gauge(
        "pgparity.unstable.rows",
        "Rows that changed at every recheck and could not be judged",
        tags,
        table.rechecks()::unstable);
    gauge(
        "pgparity.converged.rows",
        "Rows that differed while in flight and converged",
        tags,
        table.rechecks()::converged);
  }

  private void gauge(String name, String help, Tags tags, Supplier<Number> value) {
    Gauge.builder(name, value)
        .description(help)
        .tags(tags.and(JOB_LABEL, job))
        .strongReference(true)
        .register(registry);
  }
}
