package io.pgparity.report;

import static io.pgparity.report.ReportFixtures.USERS;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.pgparity.compare.Divergence;
import io.pgparity.compare.DivergenceKind;
import io.pgparity.table.TableRef;
import io.pgparity.verdict.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportWriterTests {

  /** A fingerprint as masking upstream leaves it; report.html only renders it. */
  static final String FINGERPRINT = "sha256:" + "3f9a0c".repeat(10) + "beef";

  @TempDir Path dir;

  /** The fixture sample plus a CHANGED row whose masked email differs by fingerprint. */
  static List<Divergence> sample() {
    List<Divergence> sample = new ArrayList<>(ReportFixtures.sample());
    sample.add(
        new Divergence(
            USERS,
            Map.of("id", "1001"),
            DivergenceKind.CHANGED,
            List.of("email"),
            ReportFixtures.row(
                "id", "1001", "email", FINGERPRINT, "name", "Cy", "note", "tab\there"),
            ReportFixtures.row(
                "id",
                "1001",
                "email",
                "sha256:" + "0".repeat(64),
                "name",
                "Cy",
                "note",
                "tab\there")));
    return sample;
  }

  @Test
  void matchesTheGoldenFile() throws Exception {
    Path file = dir.resolve("report.html");

    new HtmlReportWriter().write(ReportFixtures.run(), sample(), file);

    String actual = Files.readString(file, UTF_8);
    assertThat(actual).isEqualTo(ReportFixtures.golden("report.html", actual));
  }

  @Test
  void escapesEverythingTheRunSuppliesAndLoadsNothing() {
    TableRef evil = new TableRef("public", "<img src=x onerror=alert(1)>");
    RunResult r =
        ReportFixtures.run(
            Status.DIVERGENT, List.of(ReportFixtures.table(evil, Status.DIVERGENT, 0, 1, 0)));
    List<Divergence> sample =
        List.of(
            new Divergence(
                evil,
                Map.of("id", "\"><script>alert(2)</script>"),
                DivergenceKind.EXTRA_ON_REPLICA,
                List.of(),
                null,
                Map.of("id", "x", "v", "</td></table><b>bold</b>")));

    String html = HtmlReportWriter.render(r, sample);

    assertThat(html)
        .doesNotContain("<img", "<script", "<b>bold", "</td></table><b>")
        .contains("&lt;img src=x onerror=alert(1)&gt;")
        .contains("&quot;&gt;&lt;script&gt;alert(2)&lt;/script&gt;")
        .contains("&lt;/td&gt;&lt;/table&gt;&lt;b&gt;bold&lt;/b&gt;");
    assertThat(html.toLowerCase())
        .doesNotContain("src=\"", "href=", "url(", "@import", "http:", "https:");
  }

  @Test
  void highlightsExactlyTheDifferingCellsOfChangedRows() {
    String html = HtmlReportWriter.render(ReportFixtures.run(), sample());

    // id 42: email and note; id 99: name; id 1001: email; primary and replica cell each
    assertThat(count(html, "<td class=\"changed\">")).isEqualTo(8);
    String row42 = divergence(html, "id = <span class=\"v\">42</span>");
    assertThat(row42)
        .contains(
            "<tr class=\"differs\"><td class=\"column\">email</td><td class=\"changed\">"
                + "<span class=\"v\">ann@example.com</span></td><td class=\"changed\"><span class=\"v\">ANN@example.com</span>")
        .contains("<tr><td class=\"column\">name</td><td><span class=\"v\">Ann</span></td>")
        .contains("<td class=\"changed\"><span class=\"null\">null</span></td>");
  }

  @Test
  void missingAndExtraRowsAreMarkedAsAWhole() {
    String html = HtmlReportWriter.render(ReportFixtures.run(), sample());

    String missing = divergence(html, "id = <span class=\"v\">7</span>");
    assertThat(missing).startsWith("<tbody class=\"divergence MISSING_ON_REPLICA\"");
    assertThat(count(missing, "<tr class=\"differs\">")).isEqualTo(4);
    assertThat(count(missing, "<span class=\"absent\">absent</span>")).isEqualTo(4);
    assertThat(missing)
        .contains("<span class=\"empty\">empty</span>")
        .doesNotContain("class=\"changed\"");
    assertThat(html)
        .contains("<tbody class=\"divergence EXTRA_ON_REPLICA\" data-kind=\"EXTRA_ON_REPLICA\">");
  }

  @Test
  void aNullKeyShowsAsNullApartFromTheTextNullAndEachSurplusCopyHasItsRows() {
    Divergence nullKey =
        new Divergence(
            USERS,
            ReportFixtures.row("tenant", "a", "id", null),
            DivergenceKind.EXTRA_ON_REPLICA,
            List.of(),
            null,
            ReportFixtures.row("tenant", "a", "id", null, "name", "n"));
    Divergence textKey =
        new Divergence(
            USERS,
            ReportFixtures.row("tenant", "a", "id", "null"),
            DivergenceKind.MISSING_ON_REPLICA,
            List.of(),
            ReportFixtures.row("tenant", "a", "id", "null", "name", "t"),
            null);
    RunResult r =
        ReportFixtures.run(
            Status.DIVERGENT, List.of(ReportFixtures.table(USERS, Status.DIVERGENT, 1, 2, 0)));

    String html = HtmlReportWriter.render(r, List.of(nullKey, nullKey, textKey));

    String nullShown =
        "tenant = <span class=\"v\">a</span>, id = <span class=\"null\">null</span></th>";
    assertThat(count(html, nullShown)).isEqualTo(2);
    assertThat(divergence(html, nullShown))
        .startsWith("<tbody class=\"divergence EXTRA_ON_REPLICA\"")
        .contains(
            "<td class=\"column\">id</td><td><span class=\"absent\">absent</span></td><td><span class=\"null\">null</span>");
    assertThat(html)
        .contains("tenant = <span class=\"v\">a</span>, id = <span class=\"v\">null</span></th>");
  }

  @Test
  void maskedValuesShowAsTheirFingerprints() {
    String html = HtmlReportWriter.render(ReportFixtures.run(), sample());

    assertThat(html)
        .contains(
            "<span class=\"masked\" title=\"masked: a fingerprint, not the value\">" + FINGERPRINT);
  }

  @Test
  void theStripHasOneCellPerRangeUpToTwoHundred() {
    String html = HtmlReportWriter.render(ReportFixtures.run(), sample());

    String users = strip(html, "public.users");
    assertThat(users)
        .contains(
            "data-cells=\"64\" data-ranges=\"64\" data-mismatched=\"4\" data-divergent=\"8\"");
    assertThat(count(users, "<rect ")).isEqualTo(64);
    assertThat(count(users, "<rect class=\"cell divergent\"")).isEqualTo(3);
    assertThat(users).contains("<title>range 41: hashes differed, no row proved divergent</title>");
    assertThat(users).contains("<rect class=\"cell mismatched\" x=\"640.625\"");
    assertThat(strip(html, "public.orders"))
        .contains("data-cells=\"0\"")
        .contains("no key-space data");

    RunResult big =
        ReportFixtures.run(
            Status.DIVERGENT,
            List.of(
                new TableResult(
                    USERS,
                    List.of("id"),
                    List.of("id"),
                    new TableResult.Rows(5_000_000, 5_000_000, 5_000),
                    new TableResult.Differences(0, 0, 3),
                    List.of(),
                    Status.DIVERGENT,
                    1,
                    null,
                    TableResult.Rechecks.NONE,
                    new KeySpaceStrip(5_000, Map.of(0, 1L, 4_999, 2L)))));
    String bucketed = strip(HtmlReportWriter.render(big, List.of()), "public.users");
    assertThat(count(bucketed, "<rect ")).isEqualTo(KeySpaceStrip.MAX_CELLS);
    assertThat(bucketed)
        .contains("5,000 ranges in 200 cells of 25")
        .contains("<title>ranges 4975–4999: 1 with differing hashes, 2 divergent rows</title>");
  }

  @Test
  void theVerdictCarriesItsStatusColourAndTheCountsTable() {
    String html = HtmlReportWriter.render(ReportFixtures.run(), sample());

    assertThat(html)
        .contains("<header id=\"verdict\" class=\"verdict status-INCOMPLETE\">")
        .contains(
            "<p class=\"finding\">1 of 3 tables not fully compared, 9 divergent rows found so far")
        .contains(
            "<tr data-table=\"public.users\"><th>public.users</th><td><span class=\"badge status-DIVERGENT\">"
                + "DIVERGENT</span></td><td class=\"n\">200,000</td><td class=\"n warn\">199,995</td><td class=\"n\">64</td>"
                + "<td class=\"n bad\">5</td><td class=\"n\">0</td><td class=\"n bad\">3</td><td class=\"n\">12</td>")
        .contains(
            "<dt>Replica</dt><dd>physical standby, replaying the primary&#39;s WAL (PHYSICAL_STANDBY)")
        .contains(
            "<b>public.orders</b> (INCOMPLETE): canceling statement due to statement timeout");
  }

  @Test
  void saysSoWhenNothingDiverged() {
    RunResult r =
        ReportFixtures.run(
            Status.CONSISTENT, List.of(ReportFixtures.table(USERS, Status.CONSISTENT, 0, 0, 0)));

    String html = HtmlReportWriter.render(r, List.of());

    assertThat(html)
        .contains("class=\"verdict status-CONSISTENT\"")
        .contains("<p>No divergent rows were found.</p>")
        .contains("<td colspan=\"4\"><span class=\"absent\">unknown</span></td>")
        .doesNotContain("id=\"notes\"", "id=\"replication\"");
  }

  private static String divergence(String html, String key) {
    Matcher m =
        Pattern.compile(
                "<tbody class=\"divergence (?:(?!</tbody>).)*?"
                    + Pattern.quote(key)
                    + ".*?</tbody>",
                Pattern.DOTALL)
            .matcher(html);
    assertThat(m.find()).as("a divergence with key %s", key).isTrue();
    return m.group();
  }

  private static String strip(String html, String table) {
    Matcher m =
        Pattern.compile(
                "<figure class=\"strip\" data-table=\"" + Pattern.quote(table) + "\".*?</figure>",
                Pattern.DOTALL)
            .matcher(html);
    assertThat(m.find()).as("a strip for %s", table).isTrue();
    return m.group();
  }

  private static int count(String text, String part) {
    int n = 0;
    for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + part.length())) {
      n++;
    }
    return n;
  }
}
