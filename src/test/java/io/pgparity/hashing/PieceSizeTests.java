package io.pgparity.hashing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PieceSizeTests {

  private static final Duration TARGET = Duration.ofSeconds(2);

  @Test
  void growsAtMostTwofoldWhilePiecesAreFast() {
    PieceSize size = new PieceSize(TARGET);
    assertThat(size.blocks()).isEqualTo(PieceSize.FIRST_BLOCKS);

    size.observed(size.blocks(), Duration.ofMillis(10));

    assertThat(size.blocks()).isEqualTo(2 * PieceSize.FIRST_BLOCKS);
  }

  @Test
  void settlesWhereAPieceTakesTheTargetTime() {
    PieceSize size = new PieceSize(TARGET);
    // a heap read at 10,000 blocks a second: the target is 20,000 blocks a piece
    for (int i = 0; i < 20; i++) {
      long blocks = size.blocks();
      size.observed(blocks, Duration.ofMillis(blocks / 10));
    }

    assertThat(size.blocks()).isBetween(19_000L, 21_000L);
  }

  @Test
  void shrinksAtMostByHalfAndNeverBelowTheMinimum() {
    PieceSize size = new PieceSize(TARGET);

    size.observed(size.blocks(), Duration.ofMinutes(5));
    assertThat(size.blocks()).isEqualTo(PieceSize.FIRST_BLOCKS / 2);
    for (int i = 0; i < 20; i++) {
      size.observed(size.blocks(), Duration.ofMinutes(5));
    }
    assertThat(size.blocks()).isEqualTo(PieceSize.MIN_BLOCKS);
  }

  @Test
  void aShortLastPieceTeachesNothing() {
    PieceSize size = new PieceSize(TARGET);

    size.observed(10, Duration.ofMinutes(1));

    assertThat(size.blocks()).isEqualTo(PieceSize.FIRST_BLOCKS);
  }

  @Test
  void theTargetMustBePositive() {
    assertThatThrownBy(() -> new PieceSize(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("target must be positive");
  }
}
