package io.pgparity.bench;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgparity.compare.Divergence;
import io.pgparity.compare.DivergenceKind;
import io.pgparity.report.DivergenceWriter;
import io.pgparity.table.TableRef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading back divergences.jsonl as the real writer writes it. */
class ReportedRowsTests {

  @TempDir Path folder;

  @Test
  void readsTableKeyAndKindOfEveryLineInOrderKeepingDuplicates() {
    TableRef sessions = BenchTable.SESSIONS.ref();
    Map<String, String> uuid = Map.of("id", "0b7c2d1e-aaaa-4bbb-8ccc-123456789abc");
    Map<String, String> compound = new LinkedHashMap<>();
    compound.put("a", "1");
    compound.put("b", null);
    try (DivergenceWriter writer = DivergenceWriter.open(folder)) {
      writer.write(
          new Divergence(sessions, uuid, DivergenceKind.MISSING_ON_REPLICA, List.of(), uuid, null));
      writer.write(
          new Divergence(
              new TableRef("s", "t"),
              compound,
              DivergenceKind.CHANGED,
              List.of("c"),
              Map.of("c", "x"),
              Map.of("c", "y")));
      writer.write(
          new Divergence(sessions, uuid, DivergenceKind.MISSING_ON_REPLICA, List.of(), uuid, null));
    }

    assertThat(ReportedRows.read(folder))
        .containsExactly(
            new RowDivergence(sessions, uuid, DivergenceKind.MISSING_ON_REPLICA),
            new RowDivergence(new TableRef("s", "t"), compound, DivergenceKind.CHANGED),
            new RowDivergence(sessions, uuid, DivergenceKind.MISSING_ON_REPLICA));
    assertThat(ReportedRows.read(folder).get(1).toString()).isEqualTo("s.t a=1, b=null CHANGED");
  }

  @Test
  void anEmptyFileIsNoRow() {
    DivergenceWriter.open(folder).close();

    assertThat(ReportedRows.read(folder)).isEmpty();
  }

  @Test
  void aLineThatIsNotADivergenceFailsTheCheckNamingTheLine() throws IOException {
    Files.writeString(
        folder.resolve(DivergenceWriter.JSONL_FILE),
        "{\"table\":\"bench.users\",\"key\":{\"id\":\"2\"},\"kind\":\"CHANGED\"}\n"
            + "{\"table\":\"bench.users\",\"key\":{\"id\":\"4\"},\"kind\":\"GONE\"}\n",
        UTF_8);

    assertThatThrownBy(() -> ReportedRows.read(folder))
        .isInstanceOf(BenchCheckException.class)
        .hasMessageContaining(
            "divergences.jsonl line 2 is not a divergence with table, key and kind")
        .hasMessageContaining("unknown kind 'GONE'");

    Files.writeString(folder.resolve(DivergenceWriter.JSONL_FILE), "{\"table\":", UTF_8);
    assertThatThrownBy(() -> ReportedRows.read(folder))
        .isInstanceOf(BenchCheckException.class)
        .hasMessageContaining("line 1 is not a divergence")
        .hasMessageContaining("not a JSON object");
  }
}
