package io.pgparity.repair;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgparity.compare.Divergence;
import io.pgparity.compare.DivergenceKind;
import io.pgparity.report.DivergenceLine;
import io.pgparity.report.DivergenceWriter;
import io.pgparity.table.TableRef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** divergences.jsonl lines ({@link DivergenceLine}) as repair reads them back. */
class DivergenceLinesTests {

  private static final TableRef DOTTED = new TableRef("a.b", "c");
  private static final TableRef PLAIN = new TableRef("a", "d");

  @TempDir Path folder;

  @Test
  void divergencesJsonlLinesReadBackExactlyAndTheRepairCopyMatchesThem() throws IOException {
    List<Divergence> divergences =
        List.of(
            new Divergence(
                DOTTED,
                Map.of("id", "1"),
                DivergenceKind.MISSING_ON_REPLICA,
                List.of(),
                row("1", "line\nbreak \u2028 \"q\" \\"),
                null),
            new Divergence(
                PLAIN,
                Map.of("id", "2"),
                DivergenceKind.EXTRA_ON_REPLICA,
                List.of(),
                null,
                row("2", null)),
            new Divergence(
                PLAIN,
                Map.of("id", "3"),
                DivergenceKind.CHANGED,
                List.of("v"),
                row("3", "NULL"),
                row("3", "")));
    try (DivergenceWriter writer = DivergenceWriter.open(folder);
        RepairInput copy = RepairInput.open(folder)) {
      divergences.forEach(writer::write);
      divergences.forEach(copy::write);
    }

    List<TableRef> tables = List.of(DOTTED, PLAIN);
    assertThat(
            Files.readAllLines(folder.resolve(DivergenceWriter.JSONL_FILE)).stream()
                .map(line -> parse(line, tables))
                .toList())
        .isEqualTo(divergences);
    assertThat(
            Files.readAllLines(folder.resolve(RepairInput.FILE_NAME)).stream()
                .map(line -> parse(line, tables))
                .toList())
        .isEqualTo(divergences);
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(folder.resolve(RepairInput.FILE_NAME))))
        .isEqualTo("rw-------");
  }

  @Test
  void aNullKeyReadsBackAsSqlNullNotAsTheTextNull() throws IOException {
    Map<String, String> nullKey = row(null, null);
    nullKey.remove("v");
    Divergence extra =
        new Divergence(
            PLAIN, nullKey, DivergenceKind.EXTRA_ON_REPLICA, List.of(), null, row(null, "n"));
    try (DivergenceWriter writer = DivergenceWriter.open(folder)) {
      writer.write(extra);
      writer.write(extra);
    }

    List<String> lines = Files.readAllLines(folder.resolve(DivergenceWriter.JSONL_FILE));
    assertThat(lines).hasSize(2).allMatch(l -> l.contains("\"key\":{\"id\":null}"));
    assertThat(lines.stream().map(line -> parse(line, List.of(PLAIN))).toList())
        .containsExactly(extra, extra);
    Divergence text =
        parse(
            "{\"table\":\"a.d\",\"key\":{\"id\":\"null\"},\"kind\":\"MISSING_ON_REPLICA\","
                + "\"columns\":[],\"primary\":{\"id\":\"null\",\"v\":null},\"replica\":null}",
            List.of(PLAIN));
    assertThat(text.key()).containsEntry("id", "null");
    assertThat(text.primary()).containsEntry("v", null);
  }

  @Test
  void aDamagedLineSaysWhatIsWrong() {
    List<TableRef> tables = List.of(PLAIN);
    assertThatThrownBy(() -> parse("{", tables)).hasMessageStartingWith("not a JSON object");
    assertThatThrownBy(() -> parse("{\"table\":\"x.y\",\"kind\":\"CHANGED\"}", tables))
        .hasMessage("table x.y is not in the run's job.json");
    assertThatThrownBy(() -> parse("{\"table\":\"a.d\",\"kind\":\"GONE\"}", tables))
        .hasMessage("unknown kind 'GONE'");
  }

  private static Divergence parse(String line, List<TableRef> tables) {
    return DivergenceLine.parse(line).divergence(tables);
  }

  private static Map<String, String> row(String id, String value) {
    Map<String, String> row = new LinkedHashMap<>();
    row.put("id", id);
    row.put("v", value);
    return row;
  }
}
