package io.pgparity.demo;

import static io.pgparity.compare.DivergenceKind.CHANGED;
import static io.pgparity.compare.DivergenceKind.EXTRA_ON_REPLICA;
import static io.pgparity.compare.DivergenceKind.MISSING_ON_REPLICA;
import static io.pgparity.demo.DriftLedger.Side.PRIMARY;
import static io.pgparity.demo.DriftLedger.Side.REPLICA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import org.junit.jupiter.api.Test;

/** Overlapping writes to one key are counted once, as the final state of both sides says. */
class DriftLedgerTests {

  private final DriftLedger ledger = new DriftLedger();

  @Test
  void classifiesSimpleWrites() {
    ledger.insert(PRIMARY, "new");
    ledger.delete(PRIMARY, "gone");
    ledger.update(PRIMARY, "updated");
    ledger.insert(REPLICA, "stray");
    ledger.delete(REPLICA, "lost");
    ledger.update(REPLICA, "edited");

    assertThat(ledger.divergences())
        .containsExactly(
            entry("edited", CHANGED),
            entry("gone", EXTRA_ON_REPLICA),
            entry("lost", MISSING_ON_REPLICA),
            entry("new", MISSING_ON_REPLICA),
            entry("stray", EXTRA_ON_REPLICA),
            entry("updated", CHANGED));
  }

  @Test
  void anInsertDeletedAgainLeavesNoTrace() {
    assertThat(ledger.insert(PRIMARY, "k")).isOne();
    assertThat(ledger.update(PRIMARY, "k")).isOne();
    assertThat(ledger.delete(PRIMARY, "k")).isOne();
    assertThat(ledger.divergences()).isEmpty();
  }

  @Test
  void aRowDeletedOnBothSidesIsNoDivergence() {
    ledger.delete(PRIMARY, "k");
    ledger.delete(REPLICA, "k");
    assertThat(ledger.divergences()).isEmpty();
  }

  @Test
  void updatesOnBothSidesMakeOneChangedRow() {
    ledger.update(PRIMARY, "k");
    ledger.update(PRIMARY, "k");
    ledger.update(REPLICA, "k");
    assertThat(ledger.divergences()).containsExactly(entry("k", CHANGED));
  }

  @Test
  void anUpdateAfterADeleteTouchesNothingAndTheRowStaysExtra() {
    assertThat(ledger.delete(PRIMARY, "k")).isOne();
    assertThat(ledger.update(PRIMARY, "k")).isZero();
    assertThat(ledger.delete(PRIMARY, "k")).isZero();
    assertThat(ledger.update(REPLICA, "k")).isOne();
    assertThat(ledger.divergences()).containsExactly(entry("k", EXTRA_ON_REPLICA));
  }

  @Test
  void refusesToInsertAKeyThatExists() {
    ledger.update(PRIMARY, "base");
    assertThatThrownBy(() -> ledger.insert(PRIMARY, "base"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("base");
  }
}
