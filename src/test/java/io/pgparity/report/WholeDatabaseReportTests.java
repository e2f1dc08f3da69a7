package io.pgparity.report;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgparity.compare.Divergence;
import io.pgparity.compare.DivergenceKind;
import io.pgparity.compare.RecheckOutcome;
import io.pgparity.compare.RecheckedRow;
import io.pgparity.config.JobDefinition;
import io.pgparity.config.TableSpec;
import io.pgparity.config.Tuning;
import io.pgparity.config.connection.ConnectionSpec;
import io.pgparity.connect.Both;
import io.pgparity.finding.FindingSeverity;
import io.pgparity.finding.ObjectKind;
import io.pgparity.finding.SchemaFinding;
import io.pgparity.sequence.SequenceResult;
import io.pgparity.sequence.SequenceStatus;
import io.pgparity.table.LeftOutReason;
import io.pgparity.table.LeftOutTable;
import io.pgparity.table.TableRef;
import io.pgparity.verdict.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 13: run files that tell every table apart, left-out tables, schema findings and sequences
 * in the verdict and the files, and reports that stay short for a thousand tables.
 */
class WholeDatabaseReportTests {

  /** The issue's pair: unquoted, both read {@code My Schema.We!rd "Name".x}. */
  static final TableRef DOT_IN_TABLE = new TableRef("My Schema", "We!rd \"Name\".x");

  static final TableRef DOT_IN_SCHEMA = new TableRef("My Schema.We!rd \"Name\"", "x");

  @TempDir Path dir;

  private final JsonMapper mapper = JsonMapper.builder().build();

  @Test
  void theIssuesTwoTablesThatReadAlikeAreToldApartInEveryRunFile() throws Exception {
    assertThat(DOT_IN_TABLE.toString()).isEqualTo(DOT_IN_SCHEMA.toString());
    RunResult r =
        run(
            Status.DIVERGENT,
            List.of(
                table(DOT_IN_TABLE, 1, Status.DIVERGENT),
                table(DOT_IN_SCHEMA, 2, Status.DIVERGENT)),
            List.of(),
            List.of(),
            List.of());
    List<TableRef> tables = List.of(DOT_IN_TABLE, DOT_IN_SCHEMA);

    Path summary = dir.resolve(SummaryJson.FILE_NAME);
    new SummaryJsonWriter().write(r, summary);
    RunResult read = SummaryJson.read(summary).result(dir, null);
    assertThat(read.tables()).extracting(TableResult::table).containsExactlyElementsOf(tables);
    assertThat(read.tables()).extracting(TableResult::divergentRows).containsExactly(1L, 2L);

    List<Divergence> written = new ArrayList<>();
    try (DivergenceWriter writer = DivergenceWriter.open(dir)) {
      for (TableRef t : tables) {
        Divergence d =
            new Divergence(
                t,
                Map.of("id", "1"),
                DivergenceKind.MISSING_ON_REPLICA,
                List.of(),
                Map.of("id", "1"),
                null);
        writer.write(d);
        written.add(d);
        writer.write(new RecheckedRow(t, Map.of("id", "2"), RecheckOutcome.CONVERGED, 2));
      }
    }
    List<String> lines = Files.readAllLines(dir.resolve(DivergenceWriter.JSONL_FILE), UTF_8);
    assertThat(lines.get(0)).isNotEqualTo(lines.get(1));
    // the reader matches each line to its own table, in either order of the run's tables
    for (List<TableRef> order : List.of(tables, List.of(DOT_IN_SCHEMA, DOT_IN_TABLE))) {
      assertThat(lines.stream().map(l -> DivergenceLine.parse(l).divergence(order)).toList())
          .isEqualTo(written);
    }
    List<String> rechecks = Files.readAllLines(dir.resolve(DivergenceWriter.RECHECKS_FILE), UTF_8);
    assertThat(rechecks.stream().map(l -> RecheckLine.parse(l).row(tables).table()).toList())
        .containsExactlyElementsOf(tables);
    List<String> csv = Files.readAllLines(dir.resolve(DivergenceWriter.CSV_FILE), UTF_8);
    assertThat(csv.get(1)).startsWith(DivergenceFormat.csvField(DOT_IN_TABLE.unambiguous()) + ",");
    assertThat(csv.get(2)).startsWith(DivergenceFormat.csvField(DOT_IN_SCHEMA.unambiguous()) + ",");

    JobJsonWriter.write(definition(tables), dir);
    JobJson job = JobJson.read(dir.resolve(JobJson.FILE_NAME));
    assertThat(job.tables().stream().map(t -> SummaryJson.tableRef(t.table())).toList())
        .containsExactlyElementsOf(tables);

    String md = MarkdownReportWriter.render(r, written);
    String html = HtmlReportWriter.render(r, written);
    for (TableRef t : tables) {
      assertThat(md).contains(MarkdownText.text(t.unambiguous()));
      assertThat(html).contains(HtmlText.escape(t.unambiguous()));
    }
  }

  @Test
  void namesInTheCurrentFormAndOldUnquotedOnesBothReadBack() {
    long seed = System.nanoTime();
    System.out.println("seed " + seed);
    Random random = new Random(seed);
    String alphabet = "aZ._\" !$é0";
    for (int i = 0; i < 2_000; i++) {
      TableRef t = new TableRef(name(random, alphabet), name(random, alphabet));
      assertThat(SummaryJson.tableRef(t.unambiguous())).as("seed %s: %s", seed, t).isEqualTo(t);
    }
    // summaries written before: unquoted, case kept, split at the first dot
    assertThat(SummaryJson.tableRef("public.Users")).isEqualTo(new TableRef("public", "Users"));
    assertThat(SummaryJson.tableRef("public.order items"))
        .isEqualTo(new TableRef("public", "order items"));
    assertThat(SummaryJson.tableRef("a.b.c")).isEqualTo(new TableRef("a", "b.c"));
  }

  private static String name(Random random, String alphabet) {
    StringBuilder name = new StringBuilder();
    int length = 1 + random.nextInt(6);
    for (int i = 0; i < length; i++) {
      name.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return name.toString();
  }

  @Test
  void aDivergentSchemaFindingOrSequenceMakesTheRunDivergentAndAdvisoryOnesDoNot() {
    SchemaFinding check =
        new SchemaFinding(
            ReportFixtures.USERS,
            ObjectKind.CHECK_CONSTRAINT,
            "amount_positive",
            FindingSeverity.DIVERGENT,
            "the replica lacks check constraint amount_positive: it accepts rows the primary refuses");
    SchemaFinding index =
        new SchemaFinding(
            null, ObjectKind.EXTENSION, "pg_trgm", FindingSeverity.ADVISORY, "version 1.6 vs 1.5");
    SequenceResult behind =
        new SequenceResult(
            new TableRef("public", "users_id_seq"),
            100L,
            90L,
            ReportFixtures.USERS,
            "id",
            100L,
            SequenceStatus.REPLICA_BEHIND);
    SequenceResult ahead =
        new SequenceResult(
            new TableRef("public", "b_seq"),
            5L,
            37L,
            null,
            null,
            null,
            SequenceStatus.REPLICA_AHEAD);

    assertThat(RunResult.status(Status.CONSISTENT, List.of(index), List.of(ahead)))
        .isEqualTo(Status.CONSISTENT);
    assertThat(RunResult.status(Status.CONSISTENT, List.of(check), List.of()))
        .isEqualTo(Status.DIVERGENT);
    assertThat(RunResult.status(Status.CONSISTENT, List.of(), List.of(behind)))
        .isEqualTo(Status.DIVERGENT);
    assertThat(RunResult.status(Status.INCOMPLETE, List.of(check), List.of()))
        .isEqualTo(Status.INCOMPLETE);
    List<TableResult> same = List.of(table(ReportFixtures.USERS, 0, Status.CONSISTENT));
    assertThatThrownBy(() -> run(Status.CONSISTENT, same, List.of(), List.of(check), List.of()))
        .hasMessageContaining("not CONSISTENT");
    assertThatThrownBy(() -> run(Status.CONSISTENT, same, List.of(), List.of(), List.of(behind)))
        .hasMessageContaining("not CONSISTENT");

    RunResult advisory = run(Status.CONSISTENT, same, List.of(), List.of(index), List.of(ahead));
    assertThat(Verdict.line(advisory))
        .startsWith("CONSISTENT: ")
        .contains("1 advisory schema finding");

    RunResult divergent =
        run(Status.DIVERGENT, same, List.of(), List.of(check, index), List.of(behind, ahead));
    assertThat(Verdict.line(divergent))
        .startsWith("DIVERGENT: 0 divergent rows in 0 of 1 table")
        .contains("1 divergent schema finding, 1 advisory")
        .contains("1 divergent sequence");
    assertThat(divergent.divergedTables()).isEqualTo(1);

    String md = MarkdownReportWriter.render(divergent, List.of());
    // the table-level finding sits under its table, although its TableResult has no rows differing
    assertThat(md)
        .contains(
            "### Schema findings of public.users\n\n- DIVERGENT CHECK_CONSTRAINT amount_positive")
        .contains("- ADVISORY EXTENSION pg_trgm: version 1.6 vs 1.5")
        .contains("- **DIVERGENT** public.users_id_seq: REPLICA_BEHIND (primary 100, replica 90;")
        .contains("- public.b_seq: REPLICA_AHEAD");
    assertThat(md.indexOf("**DIVERGENT** public.users")).isLessThan(md.indexOf("public.b_seq"));
  }

  @Test
  void summaryJsonListsLeftOutFindingsSequencesAndTheNoteAndReadsThemBack() throws Exception {
    SchemaFinding wide =
        new SchemaFinding(
            null,
            ObjectKind.COLLATION,
            "en_US",
            FindingSeverity.DIVERGENT,
            "collation version 153.120 on the primary, 153.14 on the replica");
    SequenceResult seq =
        new SequenceResult(
            DOT_IN_SCHEMA, 7L, null, DOT_IN_TABLE, "id", null, SequenceStatus.PRIMARY_ONLY);
    LeftOutTable unlogged = new LeftOutTable(DOT_IN_TABLE, LeftOutReason.UNLOGGED, null);
    LeftOutTable denied =
        new LeftOutTable(
            new TableRef("public", "secrets"), LeftOutReason.NO_SELECT_PRIVILEGE, "on the replica");
    RunResult r =
        new RunResult(
            ReportFixtures.IDENTITY,
            dir,
            Status.DIVERGENT,
            Instant.parse("2026-11-25T12:00:00Z"),
            Instant.parse("2026-11-25T12:00:01Z"),
            new Both<>(null, null),
            List.of(table(ReportFixtures.USERS, 0, Status.CONSISTENT)),
            null,
            RunResult.Sharding.NONE,
            null,
            null,
            List.of(unlogged, denied),
            List.of(wide),
            List.of(seq),
            "physical standby: catalog shared with the primary, only collation versions compared");

    Path file = dir.resolve(SummaryJson.FILE_NAME);
    new SummaryJsonWriter().write(r, file);
    JsonNode root = mapper.readTree(file.toFile());

    assertThat(root.get("note").stringValue()).startsWith("physical standby");
    assertThat(root.get("leftOut").get(0).get("table").stringValue())
        .isEqualTo("\"My Schema\".\"We!rd \"\"Name\"\".x\"");
    assertThat(root.get("leftOut").get(0).get("reason").stringValue()).isEqualTo("UNLOGGED");
    assertThat(root.get("leftOut").get(1).get("detail").stringValue()).isEqualTo("on the replica");
    assertThat(root.get("schemaFindings").get(0).get("table").isNull()).isTrue();
    assertThat(root.get("schemaFindings").get(0).get("severity").stringValue())
        .isEqualTo("DIVERGENT");
    JsonNode sequence = root.get("sequences").get(0);
    assertThat(sequence.get("sequence").stringValue())
        .isEqualTo("\"My Schema.We!rd \"\"Name\"\"\".x");
    assertThat(sequence.get("replicaValue").isNull()).isTrue();
    assertThat(sequence.get("status").stringValue()).isEqualTo("PRIMARY_ONLY");
    JsonNode totals = root.get("totals");
    assertThat(totals.get("tablesCompared").asLong()).isEqualTo(1);
    assertThat(totals.get("tablesDiverged").asLong()).isZero();
    assertThat(totals.get("tablesLeftOut").asLong()).isEqualTo(2);
    assertThat(totals.get("divergentSchemaFindings").asLong()).isEqualTo(1);
    assertThat(totals.get("divergentSequences").asLong()).isEqualTo(1);

    RunResult read = SummaryJson.read(file).result(dir, null);
    assertThat(read.leftOut()).containsExactly(unlogged, denied);
    assertThat(read.schemaFindings()).containsExactly(wide);
    assertThat(read.sequences()).containsExactly(seq);
    assertThat(read.note()).isEqualTo(r.note());

    String md = MarkdownReportWriter.render(r, List.of());
    assertThat(md)
        .contains("**Note:** physical standby")
        .contains("## Left out\n\n2 tables the selection matched were not compared:")
        .contains("- No SELECT privilege (1): public.secrets (on the replica)")
        .contains("- Unlogged (replication carries no rows) (1): \"My Schema\"");
    // job.json: what the run covered and what it left out
    JobJsonWriter.write(definition(List.of(ReportFixtures.USERS)), List.of(unlogged, denied), dir);
    JsonNode job = mapper.readTree(dir.resolve(JobJson.FILE_NAME).toFile());
    assertThat(job.get("leftOut").get(1).get("reason").stringValue())
        .isEqualTo("NO_SELECT_PRIVILEGE");
    assertThat(JobJson.read(dir.resolve(JobJson.FILE_NAME)).leftOut()).hasSize(2);
  }

  @Test
  void aSummaryWrittenBeforeTheNewSectionsStillReads() throws Exception {
    Path file = dir.resolve(SummaryJson.FILE_NAME);
    new SummaryJsonWriter().write(ReportFixtures.run(), file);
    String old =
        Files.readString(file)
            .replaceAll(
                "(?s)  \"leftOut\": \\[\\],\n  \"schemaFindings\": \\[\\],\n  \"sequences\": \\[\\],\n",
                "")
            .replace("  \"note\": null,\n", "");
    assertThat(old).doesNotContain("leftOut").doesNotContain("sequences");
    Files.writeString(file, old);

    RunResult read = SummaryJson.read(file).result(dir, null);

    assertThat(read.leftOut()).isEmpty();
    assertThat(read.schemaFindings()).isEmpty();
    assertThat(read.sequences()).isEmpty();
    assertThat(read.tables()).hasSize(3);
  }

  @Test
  void aThousandIdenticalTablesGiveAShortReportAndTheDivergedOneComesFirst() {
    List<TableResult> tables = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      String schema = "schema_" + (i % 7);
      tables.add(
          table(new TableRef(schema, String.format("table_number_%04d", i)), 0, Status.CONSISTENT));
    }
    TableRef worst = new TableRef("schema_3", "table_number_0500");
    TableRef second = new TableRef("schema_5", "table_number_0900");
    tables.set(500, table(worst, 40, Status.DIVERGENT));
    tables.set(900, table(second, 3, Status.DIVERGENT));
    List<LeftOutTable> leftOut = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      leftOut.add(
          new LeftOutTable(new TableRef("staging", "t" + i), LeftOutReason.EXCLUDED, "staging.*"));
    }
    RunResult r = run(Status.DIVERGENT, tables, leftOut, List.of(), List.of());

    String md = MarkdownReportWriter.render(r, List.of());
    String html = HtmlReportWriter.render(r, List.of());

    System.out.printf(
        "1000 tables: report.md %d bytes, report.html %d bytes%n",
        md.getBytes(UTF_8).length, html.getBytes(UTF_8).length);
    assertThat(md.getBytes(UTF_8).length).isLessThan(40_000);
    assertThat(html.getBytes(UTF_8).length).isLessThan(100_000);
    int table = md.indexOf("## Tables with differences");
    assertThat(md.indexOf("| schema_3.table_number_0500 | DIVERGENT"))
        .isGreaterThan(table)
        .isLessThan(md.indexOf("| schema_5.table_number_0900 | DIVERGENT"))
        .isLessThan(md.indexOf("## Schemas"));
    assertThat(md).contains("The other 998 compared tables agree");
    // a consistent table has no row in the counts and no strip; it is named once, as covered
    assertThat(md).containsOnlyOnce("schema_0.table_number_0000");
    assertThat(html).containsOnlyOnce("schema_0.table_number_0000");
    assertThat(html).contains("data-table=\"schema_3.table_number_0500\" data-cells");
    assertThat(html.split("<figure class=\"strip\"", -1)).hasSize(3);
    assertThat(md)
        .contains("| schema_3 | 143 | 1 | 14300 | 0 |")
        .contains("| staging | 0 | 0 | 0 | 300 |")
        .contains("- Excluded by a pattern (300): staging.t0 (staging.\\*), ")
        .contains(" and 280 more (all are in `summary.json`)");
    assertThat(md.indexOf("schema_3.table_number_0500")).isLessThan(md.indexOf("## Servers"));
  }

  static TableResult table(TableRef ref, long missing, Status status) {
    return new TableResult(
        ref,
        List.of("id"),
        List.of("id", "v"),
        new TableResult.Rows(100, 100 - missing, 1),
        new TableResult.Differences(missing, 0, 0),
        List.of(),
        status,
        0.5,
        null,
        TableResult.Rechecks.NONE,
        new KeySpaceStrip(1, missing == 0 ? Map.of() : Map.of(0, missing)));
  }

  static RunResult run(
      Status status,
      List<TableResult> tables,
      List<LeftOutTable> leftOut,
      List<SchemaFinding> findings,
      List<SequenceResult> sequences) {
    return new RunResult(
        ReportFixtures.IDENTITY,
        Path.of("reports/auth/20261125T120000Z-1a2b"),
        status,
        Instant.parse("2026-11-25T12:00:00Z"),
        Instant.parse("2026-11-25T12:00:12.345Z"),
        new Both<>(null, null),
        tables,
        null,
        RunResult.Sharding.NONE,
        null,
        null,
        leftOut,
        findings,
        sequences,
        null);
  }

  private JobDefinition definition(List<TableRef> tables) {
    return new JobDefinition(
        "auth",
        new ConnectionSpec("jdbc:postgresql://db1:5432/app?user=checker", null),
        new ConnectionSpec("jdbc:postgresql://db2:5432/app?user=checker", null),
        tables.stream().map(TableSpec::of).toList(),
        Tuning.defaults(),
        dir,
        null);
  }
}
