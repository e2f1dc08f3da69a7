package io.pgparity.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** An insert position just past an empty page's header reads as the end of the last record. */
class WalLayoutTests {

  private final WalLayout layout = new WalLayout(8192, 16L * 1024 * 1024);

  @Test
  void anInsertPositionJustPastAnEmptyPagesHeaderIsThePageStart() {
    assertThat(layout.lastRecordEnd(Lsn.parse("0/14FA018"))).isEqualTo(Lsn.parse("0/14FA000"));
    // the first page of a segment has the long header
    assertThat(layout.lastRecordEnd(Lsn.parse("0/3000028"))).isEqualTo(Lsn.parse("0/3000000"));
    assertThat(layout.lastRecordEnd(Lsn.parse("1/28"))).isEqualTo(Lsn.parse("1/0"));
  }

  @Test
  void anyOtherPositionIsKept() {
    for (String text :
        new String[] {"0/14F9BA8", "0/14FA000", "0/14FA020", "0/3000018", "0/3002028", "0/0"}) {
      assertThat(layout.lastRecordEnd(Lsn.parse(text))).isEqualTo(Lsn.parse(text));
    }
  }

  @Test
  void followsTheServersSizes() {
    WalLayout big = new WalLayout(32768, 64L * 1024 * 1024);
    assertThat(big.lastRecordEnd(Lsn.parse("0/8018"))).isEqualTo(Lsn.parse("0/8000"));
    assertThat(big.lastRecordEnd(Lsn.parse("0/2018"))).isEqualTo(Lsn.parse("0/2018"));
  }

  @Test
  void rejectsSizesPostgreSqlCannotHave() {
    assertThatThrownBy(() -> new WalLayout(1000, 16L * 1024 * 1024)).hasMessageContaining("1000");
    assertThatThrownBy(() -> new WalLayout(8192, 10_000)).hasMessageContaining("10000");
  }
}
