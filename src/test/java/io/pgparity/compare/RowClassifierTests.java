package io.pgparity.compare;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgparity.keyspace.KeyValue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Rows of one key are multisets: identical copies pair off, the rest pair closest-first, the
 * surplus is one per copy.
 */
class RowClassifierTests {

  private static FetchedRow row(String... values) {
    Map<String, String> text = new LinkedHashMap<>();
    Map<String, Long> hashes = new LinkedHashMap<>();
    for (int i = 0; i < values.length; i++) {
      text.put("c" + i, values[i]);
      hashes.put("c" + i, (long) values[i].hashCode());
    }
    return new FetchedRow(text, hashes, String.join("|", values).hashCode(), false);
  }

  @Test
  void identicalRowsPairOffAndASurplusCopyIsOneRow() {
    FetchedRow a = row("1", "x");
    assertThat(RowClassifier.unmatched(List.of(a), List.of(a, a)))
        .containsExactly(new RowClassifier.Unmatched(null, a));
    assertThat(RowClassifier.unmatched(List.of(a, a, a), List.of(a)))
        .containsExactly(
            new RowClassifier.Unmatched(a, null), new RowClassifier.Unmatched(a, null));
    assertThat(RowClassifier.unmatched(List.of(a), List.of(a))).isEmpty();
  }

  @Test
  void aChangedRowPairsWithTheClosestCopyAndTheOtherIsExtra() {
    FetchedRow primary = row("1", "x", "y");
    FetchedRow near = row("1", "x", "z");
    FetchedRow far = row("1", "q", "z");
    assertThat(RowClassifier.unmatched(List.of(primary), List.of(far, near)))
        .containsExactlyInAnyOrder(
            new RowClassifier.Unmatched(primary, near), new RowClassifier.Unmatched(null, far));
  }

  /** In a keyless table the key is the row hash: rows that share it but differ collided. */
  @Test
  void withoutPairingRowsSharingAKeyButNotTheirValuesAreMissingAndExtra() {
    FetchedRow primary = row("1", "x", "y");
    FetchedRow replica = row("1", "x", "z");
    FetchedRow copy = row("2", "x", "y");
    assertThat(RowClassifier.unmatched(List.of(primary, copy), List.of(replica, copy), false))
        .containsExactly(
            new RowClassifier.Unmatched(primary, null), new RowClassifier.Unmatched(null, replica));
  }

  @Test
  void sameComparesMultisetsNotSets() {
    FetchedRow a = row("1", "x");
    FetchedRow b = row("1", "y");
    assertThat(FetchedRow.same(List.of(a, b), List.of(b, a))).isTrue();
    assertThat(FetchedRow.same(List.of(a), List.of(a, a))).isFalse();
    assertThat(FetchedRow.same(List.of(a, a, b), List.of(a, b, b))).isFalse();
    assertThat(FetchedRow.same(List.of(), List.of())).isTrue();
  }

  @Test
  void aKeyHeldTwiceOnOneSideIsASuspectEvenWhenOneCopyMatches() {
    KeyValue one = KeyValue.of("1");
    KeyValue two = KeyValue.of("2");
    assertThat(
            RangeNarrower.suspects(
                Map.of(one, List.of(7L), two, List.of(8L)),
                Map.of(one, List.of(7L, 7L), two, List.of(8L))))
        .containsExactly(one);
    assertThat(RangeNarrower.suspects(Map.of(one, List.of(7L, 9L)), Map.of(one, List.of(9L, 7L))))
        .isEmpty();
  }
}
