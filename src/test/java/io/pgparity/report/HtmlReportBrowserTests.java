package io.pgparity.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgparity.testing.HeadlessChromium;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * report.html in a real browser (Debian's chromium, headless): what it parsed and what it drew. The
 * screenshot stays in target/report-screenshot.png for a person to look at.
 */
class HtmlReportBrowserTests {

  /** Kept after the build as a test artifact. */
  static final Path SCREENSHOT = Path.of("target", "report-screenshot.png");

  @TempDir Path dir;

  @Test
  void chromiumShowsTheVerdictCountsStripsAndHighlightedCells() throws Exception {
    HeadlessChromium chromium = HeadlessChromium.locateOrSkip();
    Path page = dir.resolve(HtmlReportWriter.FILE_NAME);
    new HtmlReportWriter().write(ReportFixtures.run(), HtmlReportWriterTests.sample(), page);

    String dom = chromium.dumpDom(page);

    assertThat(dom)
        .contains("class=\"verdict status-INCOMPLETE\"")
        .contains("1 of 3 tables not fully compared, 9 divergent rows found so far")
        .contains("<tr data-table=\"public.users\"><th>public.users</th>")
        .contains("<tr data-table=\"audit.log_entries\"><th>audit.log_entries</th>")
        .contains("<tr data-table=\"public.orders\"><th>public.orders</th>")
        .contains("<td class=\"n\">200,000</td><td class=\"n warn\">199,995</td>")
        .contains("data-table=\"public.users\" data-cells=\"64\"")
        .contains(HtmlReportWriterTests.FINGERPRINT);
    assertThat(occurrences(dom, "<td class=\"changed\">")).isEqualTo(8);
    assertThat(occurrences(dom, "<rect class=\"cell")).isEqualTo(64 + 32);
    // the browser read the row value <b>hi</b> as text, not as an element
    assertThat(dom).contains("&lt;b&gt;hi&lt;/b&gt;").doesNotContain("<b>hi</b>");

    Path png = SCREENSHOT.toAbsolutePath();
    Files.createDirectories(png.getParent());
    Files.deleteIfExists(png);
    // tall enough for the first divergences, below the overview sections
    chromium.screenshot(page, png, 1280, 3000);

    assertThat(Files.size(png)).isGreaterThan(50_000);
    BufferedImage shot = ImageIO.read(png.toFile());
    assertThat(shot.getWidth()).isEqualTo(1280);
    assertThat(shot.getHeight()).isEqualTo(3000);
    // the banner in INCOMPLETE's colour, the strips' mismatched and divergent cells, highlighted
    // cells
    assertThat(shot.getRGB(4, 4) & 0xffffff).isEqualTo(0xb26a00);
    assertThat(pixels(shot, 0xf2c14e)).as("mismatched strip cells").isGreaterThan(200);
    assertThat(pixels(shot, 0xffe08a)).as("highlighted changed cells").isGreaterThan(5_000);
  }

  private static int occurrences(String text, String part) {
    int n = 0;
    for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + part.length())) {
      n++;
    }
    return n;
  }

  private static int pixels(BufferedImage image, int rgb) {
    int n = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        if ((image.getRGB(x, y) & 0xffffff) == rgb) {
          n++;
        }
      }
    }
    return n;
  }
}
