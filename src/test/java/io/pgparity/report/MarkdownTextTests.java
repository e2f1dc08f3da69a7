package io.pgparity.report;

import static io.pgparity.report.MarkdownText.text;
import static io.pgparity.report.MarkdownText.value;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MarkdownTextTests {

  @Test
  void valuesBecomeCodeSpansThatKeepTheTableIntact() {
    assertThat(value("a|b\nc\r\nd")).isEqualTo("`a\\|b\\nc\\r\\nd`");
    assertThat(value("*bold* <b>")).isEqualTo("`*bold* <b>`");
  }

  @Test
  void nullAndEmptyAreNamedNotBlank() {
    assertThat(value(null)).isEqualTo("*null*");
    assertThat(value("")).isEqualTo("*empty*");
    assertThat(value("NULL")).isEqualTo("`NULL`");
  }

  @Test
  void backticksAndEdgeSpacesSurviveTheCodeSpan() {
    assertThat(value("a`b")).isEqualTo("``a`b``");
    assertThat(value("`x`")).isEqualTo("`` `x` ``");
    assertThat(value(" x ")).isEqualTo("`  x  `");
    assertThat(value("   ")).isEqualTo("`   `");
  }

  @Test
  void longValuesAreCutAfterEightyCharactersOutsideTheSpan() {
    String cut = value("é".repeat(79) + "😀😀");

    assertThat(cut).isEqualTo("`" + "é".repeat(79) + "😀`…");
    assertThat(value("x".repeat(80))).isEqualTo("`" + "x".repeat(80) + "`");
  }

  @Test
  void proseEscapesMarkdownButKeepsIdentifiersReadable() {
    assertThat(text("public.order_items")).isEqualTo("public.order_items");
    assertThat(text("_x_ *y* a|b [l](u) <i> `c` &amp; R&D"))
        .isEqualTo("\\_x\\_ \\*y\\* a\\|b \\[l\\](u) \\<i\\> \\`c\\` \\&amp; R&D");
    assertThat(text("# not a heading\nnext")).isEqualTo("\\# not a heading next");
    assertThat(text(null)).isEmpty();
  }
}
