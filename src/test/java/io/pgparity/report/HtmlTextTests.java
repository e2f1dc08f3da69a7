package io.pgparity.report;

import static io.pgparity.report.HtmlText.escape;
import static io.pgparity.report.HtmlText.value;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlTextTests {

  @Test
  void markupCharactersBecomeEntities() {
    assertThat(escape("<b>\"R&D\" 'x'</b>"))
        .isEqualTo("&lt;b&gt;&quot;R&amp;D&quot; &#39;x&#39;&lt;/b&gt;");
    assertThat(escape("&amp;")).isEqualTo("&amp;amp;");
    assertThat(escape(null)).isEmpty();
  }

  @Test
  void controlCharactersShowAsTheirPicturesButTabsAndLineFeedsStay() {
    assertThat(escape("a\u0000b\rc\u001bd\u007f")).isEqualTo("a\u2400b\u240dc\u241bd\u2421");
    assertThat(escape("a\tb\nc")).isEqualTo("a\tb\nc");
    assertThat(escape("é😀")).isEqualTo("é😀");
  }

  @Test
  void nullAndEmptyAreNamedAndTextNullIsAValue() {
    assertThat(value(null)).isEqualTo("<span class=\"null\">null</span>");
    assertThat(value("")).isEqualTo("<span class=\"empty\">empty</span>");
    assertThat(value("NULL")).isEqualTo("<span class=\"v\">NULL</span>");
  }

  @Test
  void maskedValuesShowAsFingerprints() {
    String fingerprint = "sha256:" + "ab".repeat(32);

    assertThat(value(fingerprint))
        .isEqualTo(
            "<span class=\"masked\" title=\"masked: a fingerprint, not the value\">"
                + fingerprint
                + "</span>");
  }

  @Test
  void longValuesAreCutByCodePointsWithTheirLength() {
    String v = "é".repeat(199) + "😀😀<";

    assertThat(value(v))
        .isEqualTo(
            "<span class=\"v\">"
                + "é".repeat(199)
                + "😀</span><span class=\"cut\">… (202 characters)</span>");
    assertThat(value("<".repeat(200)))
        .isEqualTo("<span class=\"v\">" + "&lt;".repeat(200) + "</span>");
  }
}
