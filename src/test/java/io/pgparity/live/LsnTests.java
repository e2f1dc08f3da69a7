package io.pgparity.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** WAL positions print and parse as PostgreSQL does, order by position and measure distances. */
class LsnTests {

  @ParameterizedTest
  @ValueSource(strings = {"0/0", "0/14F9BA8", "16/B374D848", "1/0", "7FFFFFFF/FFFFFFFF"})
  void printsAsPostgreSqlDoesAndParsesBack(String text) {
    assertThat(Lsn.parse(text).toString()).isEqualTo(text);
  }

  @Test
  void parsesBothHalvesAsHexInAnyCase() {
    assertThat(Lsn.parse("16/b374d848").value()).isEqualTo(0x16_B374D848L);
    assertThat(Lsn.parse("0/00000010")).isEqualTo(new Lsn(16));
    assertThat(new Lsn(0x1_00000000L)).hasToString("1/0");
  }

  @Test
  void ordersByPositionAcrossTheHalves() {
    List<Lsn> positions =
        new ArrayList<>(List.of(Lsn.parse("1/0"), Lsn.parse("0/FFFFFFFF"), Lsn.parse("0/10")));
    positions.sort(null);
    assertThat(positions).extracting(Lsn::toString).containsExactly("0/10", "0/FFFFFFFF", "1/0");
    assertThat(Lsn.parse("1/0").atLeast(Lsn.parse("0/FFFFFFFF"))).isTrue();
    assertThat(Lsn.parse("1/0").atLeast(Lsn.parse("1/0"))).isTrue();
    assertThat(Lsn.parse("0/FFFFFFFF").atLeast(Lsn.parse("1/0"))).isFalse();
  }

  @Test
  void bytesAfterAnEarlierPositionAndZeroOtherwise() {
    assertThat(Lsn.parse("1/10").bytesAfter(Lsn.parse("0/FFFFFFF0"))).isEqualTo(0x20);
    assertThat(Lsn.parse("0/10").bytesAfter(Lsn.parse("0/10"))).isZero();
    assertThat(Lsn.parse("0/10").bytesAfter(Lsn.parse("0/20"))).isZero();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", "16", "16/", "/B374D848", "16-B374D848", "G/0", "123456789/0", " 0/0"})
  void rejectsWhatIsNotAnLsnShowingTheExpectedForm(String text) {
    assertThatThrownBy(() -> Lsn.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("16/B374D848")
        .hasMessageContaining("'" + text + "'");
  }

  @Test
  void rejectsNullAndNegativePositions() {
    assertThatThrownBy(() -> Lsn.parse(null)).hasMessageContaining("'null'");
    assertThatThrownBy(() -> new Lsn(-1)).hasMessageContaining("-1");
  }
}
