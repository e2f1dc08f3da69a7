package io.pgparity.repair;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgparity.config.ConfigException;
import io.pgparity.table.TableRef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepairSqlWriterTests {

  private static final TableRef PARENT = new TableRef("s", "parent");
  private static final TableRef CHILD = new TableRef("s", "child");

  @TempDir Path folder;

  @Test
  void theFileIsOwnerOnlyAndSaysWhatItIsAndHoldsDeletesChildrenFirstAfterTheUpserts()
      throws IOException {
    TableOrder order =
        TableOrder.of(List.of(CHILD, PARENT), List.of(new ForeignKeys.Edge(CHILD, PARENT)));
    Path file;
    try (RepairSqlWriter writer = new RepairSqlWriter(folder)) {
      writer.add(statement(PARENT, RepairKind.DELETE, "DELETE FROM p1;"));
      writer.add(statement(PARENT, RepairKind.INSERT, "INSERT INTO p2;"));
      writer.add(statement(CHILD, RepairKind.UPDATE, "UPDATE c1;"));
      writer.add(statement(CHILD, RepairKind.DELETE, "DELETE FROM c2;"));
      file = writer.finish(header(RepairTarget.REPLICA, true), order, List.of());
    }

    assertThat(file).isEqualTo(folder.resolve("repair.sql"));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    try (var files = Files.list(folder)) {
      assertThat(files).as("no temporary file is left").containsExactly(file);
    }
    List<String> lines = Files.readAllLines(file);
    assertThat(lines)
        .contains(
            "-- pgparity repair.sql",
            "-- target: replica",
            "-- triggers: on",
            "-- run: adhoc 20261126T010203Z-00ff",
            "-- generated-at: 2026-11-26T01:02:03Z",
            "-- statements: 4 (1 INSERT, 1 UPDATE, 2 DELETE)",
            "-- source: primary jdbc:postgresql://db1/app?user=checker&password=***",
            "SET TimeZone = 'UTC';",
            "SET DateStyle = 'ISO, YMD';",
            "SET IntervalStyle = 'postgres';",
            "SET extra_float_digits = 3;",
            "SET standard_conforming_strings = on;");
    assertThat(String.join("\n", lines))
        .contains("CONTAINS REAL DATA")
        .doesNotContain("session_replication_role = replica;");
    List<String> body =
        lines.subList(lines.indexOf("BEGIN;"), lines.size()).stream()
            .filter(l -> !l.startsWith("--"))
            .toList();
    assertThat(body)
        .containsExactly(
            "BEGIN;",
            "INSERT INTO p2;",
            "UPDATE c1;",
            "DELETE FROM c2;",
            "DELETE FROM p1;",
            "COMMIT;");
  }

  @Test
  void withoutTriggersTheFileSaysSoAndTurnsThemOffAndItReadsBackForApplying() throws IOException {
    Path file;
    try (RepairSqlWriter writer = new RepairSqlWriter(folder)) {
      RepairStatement noted =
          new RepairStatement(PARENT, RepairKind.UPDATE, "UPDATE p;", "not set: id (why)");
      writer.add(noted);
      writer.add(statement(PARENT, RepairKind.INSERT, "INSERT INTO q;"));
      file =
          writer.finish(
              header(RepairTarget.PRIMARY, false),
              TableOrder.of(List.of(PARENT), List.of()),
              List.of());
    }
    assertThat(Files.readAllLines(file))
        .contains(
            "-- triggers: off",
            "-- target: primary",
            "-- not set: id (why)",
            "SET session_replication_role = replica;");

    try (RepairScript script = RepairScript.open(file)) {
      assertThat(script.target()).isEqualTo(RepairTarget.PRIMARY);
      assertThat(script.triggers()).isFalse();
      assertThat(script.settings())
          .containsAll(RepairHeader.SETTINGS)
          .contains(RepairHeader.NO_TRIGGERS);
      List<RepairScript.Line> statements = new ArrayList<>();
      Optional<RepairScript.Line> next;
      while ((next = script.next()).isPresent()) {
        statements.add(next.get());
      }
      assertThat(statements)
          .extracting(RepairScript.Line::kind)
          .containsExactly(RepairKind.UPDATE, RepairKind.INSERT);
      assertThat(statements.get(0).sql()).isEqualTo("UPDATE p;");
      assertThat(Files.readAllLines(file).get(statements.get(1).number() - 1))
          .isEqualTo("INSERT INTO q;");
    }
  }

  @Test
  void aScriptWithLinesPgparityDoesNotWriteIsRefused() throws IOException {
    Path file = folder.resolve("repair.sql");
    Files.writeString(file, "-- target: replica\nBEGIN;\nUPDATE t SET a = 1;\nDROP TABLE t;\n");
    try (RepairScript script = RepairScript.open(file)) {
      assertThat(script.next()).isPresent();
      org.assertj.core.api.Assertions.assertThatThrownBy(script::next)
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("line 4 is not a statement pgparity writes")
          .hasMessageContaining("rebuild it with pgparity repair");
    }
    Files.writeString(file, "-- no header\nBEGIN;\n");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> RepairScript.open(file))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("has no '-- target:' line");
  }

  private static RepairStatement statement(TableRef table, RepairKind kind, String sql) {
    return new RepairStatement(table, kind, sql, null);
  }

  private static RepairHeader header(RepairTarget target, boolean triggers) {
    return new RepairHeader(
        "adhoc",
        "20261126T010203Z-00ff",
        target,
        triggers,
        "jdbc:postgresql://db2/app?user=checker",
        "jdbc:postgresql://db1/app?user=checker&password=***",
        Instant.parse("2026-11-26T01:02:03Z"),
        "1.2.3");
  }
}
