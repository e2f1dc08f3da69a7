package io.pgparity.repair;

import static com.google.common.base.Preconditions.checkNotNull;

import io.pgparity.table.TableRef;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What the top of repair.sql says: which run and which side it is for, whether triggers fire, when
 * and by what it was made, that it holds real data, and the session settings under which its
 * literals re-enter exactly. The {@code -- key: value} lines are read back by {@link RepairScript}.
 */
public record RepairHeader(
    String job,
    String runId,
    RepairTarget target,
    boolean triggers,
    String targetUrl,
    String sourceUrl,
    Instant generatedAt,
    String version) {

  /**
   * The settings verify printed the values under, so their input is exact under the same ones; and
   * row_security off, so a row-level security policy makes a statement fail rather than hide its
   * row and pass for stale.
   */
  public static final List<String> SETTINGS =
      List.of(
          "SET TimeZone = 'UTC';",
          "SET DateStyle = 'ISO, YMD';",
          "SET IntervalStyle = 'postgres';",
          "SET extra_float_digits = 3;",
          "SET standard_conforming_strings = on;",
          "SET array_nulls = on;",
          "SET lc_monetary = 'C';",
          "SET row_security = off;");

  /** Turns off ordinary and foreign-key triggers for the session (superuser only). */
  public static final String NO_TRIGGERS = "SET session_replication_role = replica;";

  public RepairHeader {
    checkNotNull(job, "job");
    checkNotNull(runId, "runId");
    checkNotNull(target, "target");
    checkNotNull(generatedAt, "generatedAt");
  }

  /** The comment block and the SET statements, one string per line. */
  List<String> lines(RepairCounts counts, TableOrder order) {
    String source = target.source().label();
    List<String> lines = new ArrayList<>();
    lines.add("-- pgparity repair.sql");
    lines.add(
        "-- CONTAINS REAL DATA: the values below are copied from the "
            + source
            + "'s rows. This file is");
    lines.add(
        "-- readable by its owner only; keep it where the data itself may be kept and delete it after use.");
    lines.add("-- run: " + comment(job) + " " + comment(runId));
    lines.add("-- target: " + target.label());
    lines.add("-- target-url: " + comment(targetUrl));
    lines.add("-- source: " + source + " " + comment(sourceUrl));
    lines.add("-- triggers: " + (triggers ? "on" : "off"));
    lines.add("-- generated-at: " + generatedAt);
    lines.add("-- generated-by: pgparity " + comment(version));
    lines.add("-- statements: " + counts.total() + " (" + counts.describe() + ")");
    lines.add("--");
    lines.add(
        "-- Makes the "
            + target.label()
            + "'s divergent rows equal to the "
            + source
            + "'s rows as they were when");
    lines.add(
        "-- this file was built. Every statement is guarded: it changes nothing (0 rows, counted as stale)");
    lines.add(
        "-- unless the target row still holds exactly the values verify saw (an INSERT: unless no row has");
    lines.add(
        "-- the key), so a repair never overwrites newer data. Where a key holds several rows, each");
    lines.add(
        "-- statement inserts or deletes one copy (by tableoid and ctid), and only while the target holds as");
    lines.add(
        "-- many identical copies as when this file was built. NULL keys match by IS NOT DISTINCT FROM.");
    lines.add(
        "-- Inserts and updates go parents first, deletes children first. Generated columns are never");
    lines.add("-- written; identity columns keep the source's values (OVERRIDING SYSTEM VALUE).");
    if (!order.inCycle().isEmpty()) {
      lines.add(
          "-- Tables in a foreign-key cycle (no order satisfies it; deferrable constraints help): "
              + comment(
                  order.inCycle().stream()
                      .map(TableRef::toString)
                      .collect(Collectors.joining(", "))));
    }
    if (triggers) {
      lines.add(
          "-- Triggers fire on the "
              + target.label()
              + " as for any write (rebuild with --no-triggers to stop them).");
    } else {
      lines.add(
          "-- Triggers do NOT fire: session_replication_role = replica turns off ordinary triggers and");
      lines.add(
          "-- foreign-key checks for this session (it needs a superuser); asked for with --no-triggers.");
    }
    lines.add(
        "-- Apply: pgparity repair <run folder> --apply   (or: psql -v ON_ERROR_STOP=1 -f repair.sql)");
    lines.addAll(SETTINGS);
    if (!triggers) {
      lines.add(NO_TRIGGERS);
    }
    return lines;
  }

  /**
   * Text made safe for one comment line: control characters (a newline would end it) become '?'.
   */
  static String comment(String text) {
    return text == null ? "" : text.replaceAll("\\p{Cntrl}", "?");
  }
}
