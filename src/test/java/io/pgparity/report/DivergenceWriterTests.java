package io.pgparity.report;

import static io.pgparity.report.ReportFixtures.row;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgparity.compare.Divergence;
import io.pgparity.compare.DivergenceKind;
import io.pgparity.table.TableRef;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class DivergenceWriterTests {

  private static final TableRef TABLE = new TableRef("public", "weird, \"names\"");

  private final JsonMapper mapper = JsonMapper.builder().build();

  @TempDir Path dir;

  @Test
  void createsBothFilesEvenWithoutDivergences() throws Exception {
    try (DivergenceWriter writer = DivergenceWriter.open(dir)) {
      assertThat(writer.count()).isZero();
    }

    assertThat(Files.readString(dir.resolve("divergences.jsonl"), UTF_8)).isEmpty();
    assertThat(Files.readString(dir.resolve("divergences.csv"), UTF_8))
        .isEqualTo("table,key,kind,columns\r\n");
  }

  @Test
  void jsonLinesRoundTripAwkwardValues() throws Exception {
    List<Divergence> written = awkward();
    try (DivergenceWriter writer = DivergenceWriter.open(dir)) {
      written.forEach(writer::write);
      assertThat(writer.count()).isEqualTo(written.size());
    }

    List<String> lines = Files.readAllLines(dir.resolve("divergences.jsonl"), UTF_8);
    assertThat(lines).hasSize(written.size());
    for (int i = 0; i < lines.size(); i++) {
      Divergence expected = written.get(i);
      JsonNode node = mapper.readTree(lines.get(i));
      assertThat(names(node))
          .containsExactly("table", "key", "kind", "columns", "primary", "replica");
      assertThat(node.get("table").asString()).isEqualTo(expected.table().unambiguous());
      assertThat(SummaryJson.tableRef(node.get("table").asString())).isEqualTo(expected.table());
      assertThat(map(node.get("key"))).isEqualTo(expected.key());
      assertThat(node.get("kind").asString()).isEqualTo(expected.kind().name());
      List<String> columns = new ArrayList<>();
      node.get("columns").forEach(c -> columns.add(c.asString()));
      assertThat(columns).isEqualTo(expected.columns());
      assertThat(map(node.get("primary"))).isEqualTo(expected.primary());
      assertThat(map(node.get("replica"))).isEqualTo(expected.replica());
    }
    // line separators inside values stay escaped, so any line reader sees one object per line
    assertThat(Files.readString(dir.resolve("divergences.jsonl"), UTF_8))
        .contains("\\u2028")
        .doesNotContain("\u2028");
  }

  @Test
  void csvQuotesCommasQuotesAndLineBreaks() throws Exception {
    List<Divergence> written = awkward();
    try (DivergenceWriter writer = DivergenceWriter.open(dir)) {
      written.forEach(writer::write);
    }

    String csv = Files.readString(dir.resolve("divergences.csv"), UTF_8);
    List<List<String>> records = parseCsv(csv);
    assertThat(records.get(0)).containsExactly("table", "key", "kind", "columns");
    assertThat(records).hasSize(written.size() + 1);
    for (int i = 0; i < written.size(); i++) {
      Divergence expected = written.get(i);
      List<String> record = records.get(i + 1);
      assertThat(record.get(0)).isEqualTo(expected.table().unambiguous());
      assertThat(map(mapper.readTree(record.get(1)))).isEqualTo(expected.key());
      assertThat(record.get(2)).isEqualTo(expected.kind().name());
      assertThat(record.get(3)).isEqualTo(String.join(";", expected.columns()));
    }
    assertThat(csv)
        .contains(
            "\"public.\"\"weird, \"\"\"\"names\"\"\"\"\"\"\",\"{\"\"id\"\":\"\"a,b\"\"}\",CHANGED,"
                + "\"col, one;col\"\"two\"\"\"\r\n");
  }

  @Test
  void aNullKeyIsJsonNullInBothFilesAndNotTheTextNull() throws Exception {
    Map<String, String> nullKey = row("id", null);
    Divergence extra =
        new Divergence(
            TABLE,
            nullKey,
            DivergenceKind.EXTRA_ON_REPLICA,
            List.of(),
            null,
            row("id", null, "v", "n"));
    Divergence textKey =
        new Divergence(
            TABLE,
            Map.of("id", "null"),
            DivergenceKind.MISSING_ON_REPLICA,
            List.of(),
            Map.of("id", "null", "v", "t"),
            null);
    try (DivergenceWriter writer = DivergenceWriter.open(dir)) {
      // a surplus copy reported twice is written twice
      writer.write(extra);
      writer.write(extra);
      writer.write(textKey);
    }

    List<String> lines = Files.readAllLines(dir.resolve("divergences.jsonl"), UTF_8);
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0))
        .isEqualTo(lines.get(1))
        .isEqualTo(
            "{\"table\":\"public.\\\"weird, \\\"\\\"names\\\"\\\"\\\"\","
                + "\"key\":{\"id\":null},\"kind\":\"EXTRA_ON_REPLICA\",\"columns\":[],\"primary\":null,"
                + "\"replica\":{\"id\":null,\"v\":\"n\"}}");
    assertThat(mapper.readTree(lines.get(0)).get("key").get("id").isNull()).isTrue();
    assertThat(mapper.readTree(lines.get(2)).get("key").get("id").asString()).isEqualTo("null");
    List<List<String>> records = parseCsv(Files.readString(dir.resolve("divergences.csv"), UTF_8));
    assertThat(records.get(1).get(1)).isEqualTo("{\"id\":null}");
    assertThat(map(mapper.readTree(records.get(1).get(1)))).isEqualTo(nullKey);
    assertThat(records.get(3).get(1)).isEqualTo("{\"id\":\"null\"}");
  }

  @Test
  void columnsStayEmptyUnlessChanged() {
    Divergence missing =
        new Divergence(
            TABLE,
            Map.of("id", "1"),
            DivergenceKind.MISSING_ON_REPLICA,
            List.of("ignored"),
            Map.of("id", "1"),
            null);

    assertThat(DivergenceFormat.jsonLine(missing)).contains("\"columns\":[]");
    assertThat(DivergenceFormat.csvRow(missing)).endsWith(",MISSING_ON_REPLICA,\r\n");
  }

  @Test
  void fourThreadsWriteExactlyTheirLines() throws Exception {
    int threads = 4;
    int perThread = 2_500;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try (DivergenceWriter writer = DivergenceWriter.open(dir)) {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int i = 0; i < perThread; i++) {
                    String id = thread + "-" + i;
                    writer.write(
                        new Divergence(
                            TABLE,
                            Map.of("id", id),
                            DivergenceKind.CHANGED,
                            List.of("v"),
                            Map.of("id", id, "v", "line\nbreak, \"" + "x".repeat(i % 300)),
                            Map.of("id", id, "v", "other")));
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> future : futures) {
        future.get();
      }
      assertThat(writer.count()).isEqualTo(threads * perThread);
    } finally {
      pool.shutdownNow();
    }

    List<String> lines = Files.readAllLines(dir.resolve("divergences.jsonl"), UTF_8);
    assertThat(lines).hasSize(threads * perThread);
    Set<String> ids = new HashSet<>();
    for (String line : lines) {
      ids.add(mapper.readTree(line).get("key").get("id").asString());
    }
    assertThat(ids).hasSize(threads * perThread);
    List<List<String>> records = parseCsv(Files.readString(dir.resolve("divergences.csv"), UTF_8));
    assertThat(records).hasSize(threads * perThread + 1);
  }

  @Test
  void refusesWritesAfterClose() {
    DivergenceWriter writer = DivergenceWriter.open(dir);
    writer.close();
    writer.close();

    assertThatThrownBy(() -> writer.write(awkward().get(0)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
  }

  @Test
  void namesTheFolderWhenItCannotCreateTheFiles() {
    Path absent = dir.resolve("absent");

    assertThatThrownBy(() -> DivergenceWriter.open(absent))
        .hasMessageContaining(absent.toAbsolutePath().toString());
  }

  private static List<Divergence> awkward() {
    return List.of(
        new Divergence(
            TABLE,
            Map.of("id", "a,b"),
            DivergenceKind.CHANGED,
            List.of("col, one", "col\"two\""),
            row("id", "a,b", "col, one", "say \"hi\"", "col\"two\"", "line\r\nbreak"),
            row("id", "a,b", "col, one", null, "col\"two\"", "")),
        new Divergence(
            TABLE,
            row("id", "ü😀\u2028€", "part", null),
            DivergenceKind.MISSING_ON_REPLICA,
            List.of(),
            row("id", "ü😀\u2028€", "part", null, "text", "tab\there\\back"),
            null),
        new Divergence(
            new TableRef("Mixed Case", "t"),
            Map.of("id", "\n"),
            DivergenceKind.EXTRA_ON_REPLICA,
            List.of(),
            null,
            row("id", "\n", "v", "NULL")));
  }

  private static List<String> names(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.propertyNames().forEach(names::add);
    return names;
  }

  private static Map<String, String> map(JsonNode node) {
    if (node.isNull()) {
      return null;
    }
    Map<String, String> map = new LinkedHashMap<>();
    node.properties()
        .forEach(e -> map.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().asString()));
    return map;
  }

  /** A strict RFC 4180 reader: CRLF records, quoted fields with doubled quotes. */
  private static List<List<String>> parseCsv(String text) {
    List<List<String>> records = new ArrayList<>();
    List<String> record = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    int i = 0;
    while (i < text.length()) {
      if (text.charAt(i) == '"') {
        i++;
        while (true) {
          char c = text.charAt(i++);
          if (c == '"') {
            if (i < text.length() && text.charAt(i) == '"') {
              field.append('"');
              i++;
            } else {
              break;
            }
          } else {
            field.append(c);
          }
        }
      }
      while (i < text.length() && text.charAt(i) != ',' && text.charAt(i) != '\r') {
        char c = text.charAt(i++);
        assertThat(c).as("unquoted field holds a quote or line feed").isNotIn('"', '\n');
        field.append(c);
      }
      record.add(field.toString());
      field.setLength(0);
      if (i < text.length() && text.charAt(i) == ',') {
        i++;
      } else {
        assertThat(text.startsWith("\r\n", i)).as("record ends with CRLF at %d", i).isTrue();
        i += 2;
        records.add(record);
        record = new ArrayList<>();
      }
    }
    return records;
  }
}
