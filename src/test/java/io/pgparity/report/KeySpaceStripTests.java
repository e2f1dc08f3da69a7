package io.pgparity.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgparity.verdict.Status;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KeySpaceStripTests {

  @Test
  void aSmallTableHasOneCellPerRange() {
    List<KeySpaceStrip.Cell> cells = new KeySpaceStrip(64, Map.of(3, 5L, 41, 0L)).cells();

    assertThat(cells).hasSize(64);
    assertThat(cells.get(3)).isEqualTo(new KeySpaceStrip.Cell(3, 3, 1, 5));
    assertThat(cells.get(41)).isEqualTo(new KeySpaceStrip.Cell(41, 41, 1, 0));
    assertThat(cells.get(0)).isEqualTo(new KeySpaceStrip.Cell(0, 0, 0, 0));
  }

  @Test
  void thousandsOfRangesAreBucketedIntoAtMostTwoHundredContiguousCells() {
    Map<Integer, Long> mismatched = new HashMap<>();
    for (int range = 0; range < 1_001; range += 7) {
      mismatched.put(range, (long) range % 3);
    }
    KeySpaceStrip strip = new KeySpaceStrip(1_001, mismatched);

    List<KeySpaceStrip.Cell> cells = strip.cells();

    assertThat(cells).hasSize(KeySpaceStrip.MAX_CELLS);
    int next = 0;
    for (KeySpaceStrip.Cell cell : cells) {
      assertThat(cell.first()).isEqualTo(next);
      assertThat(cell.last() - cell.first() + 1).isBetween(5, 6);
      next = cell.last() + 1;
    }
    assertThat(next).isEqualTo(1_001);
    assertThat(cells.stream().mapToInt(KeySpaceStrip.Cell::mismatchedRanges).sum())
        .isEqualTo(mismatched.size());
    assertThat(cells.stream().mapToLong(KeySpaceStrip.Cell::divergentRows).sum())
        .isEqualTo(strip.divergentRows());
  }

  @Test
  void evenlyDividedRangesGiveEqualCells() {
    List<KeySpaceStrip.Cell> cells = new KeySpaceStrip(5_000, Map.of(4_999, 2L)).cells();

    assertThat(cells).hasSize(200).allMatch(c -> c.last() - c.first() == 24);
    assertThat(cells.get(199)).isEqualTo(new KeySpaceStrip.Cell(4_975, 4_999, 1, 2));
  }

  @Test
  void aTableWithoutRangesHasNoCells() {
    assertThat(new KeySpaceStrip(0, Map.of()).cells()).isEmpty();
  }

  @Test
  void rangesOutsideTheTableAreRejectedWithTheAllowedSpan() {
    assertThatThrownBy(() -> new KeySpaceStrip(4, Map.of(4, 1L)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("mismatched range 4 must lie in 0..3");
    assertThatThrownBy(() -> new KeySpaceStrip(4, Map.of(1, -1L)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must not be negative");
  }

  @Test
  void aTableResultRefusesAStripOfAnotherSize() {
    assertThatThrownBy(
            () ->
                new TableResult(
                    ReportFixtures.USERS,
                    List.of("id"),
                    List.of("id"),
                    new TableResult.Rows(1, 1, 2),
                    TableResult.Differences.NONE,
                    List.of(),
                    Status.CONSISTENT,
                    0,
                    null,
                    TableResult.Rechecks.NONE,
                    new KeySpaceStrip(3, Map.of())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("has 3 ranges but the table has 2");
  }
}
