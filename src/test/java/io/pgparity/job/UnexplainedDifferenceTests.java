package io.pgparity.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgparity.compare.SumDifference;
import io.pgparity.table.TableRef;
import io.pgparity.verdict.Status;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/**
 * A difference no reported row explains is never CONSISTENT; only rows in flight excuse it, and
 * only where waited for.
 */
class UnexplainedDifferenceTests {

  private static final TableRef T = new TableRef("public", "users");
  private static final SumDifference LEFT = new SumDifference(1, BigInteger.valueOf(-42));

  @Test
  void nothingLeftIsNoFinding() {
    assertThat(
            UnexplainedDifference.judge(T, SumDifference.NONE, 3, false, false, 0, "independent"))
        .isEmpty();
    assertThat(
            UnexplainedDifference.judge(
                T, SumDifference.NONE, 0, true, true, 0, "logical subscriber"))
        .isEmpty();
  }

  @Test
  void onACopyNotWaitedForItFailsLoudlyEvenWithRowsSeenMoving() {
    UnexplainedDifference u =
        UnexplainedDifference.judge(T, LEFT, 2, false, false, 5, "independent server")
            .orElseThrow();
    assertThat(u.status()).isEqualTo(Status.FAILED);
    assertThat(u.note())
        .startsWith(
            "pgparity could not explain a difference: public.users: the hash pass found the"
                + " sides apart by 1 rows and -42 in row-hash sum (primary minus replica) that none of the 2 divergent rows"
                + " reported explains")
        .contains("(independent server)")
        .contains("please report it");
  }

  @Test
  void onAWaitedForReplicaRowsInFlightExplainItAndOtherwiseItIsIncomplete() {
    assertThat(UnexplainedDifference.judge(T, LEFT, 0, true, true, 1, "logical subscriber"))
        .isEmpty();
    UnexplainedDifference u =
        UnexplainedDifference.judge(T, LEFT, 0, true, true, 0, "logical subscriber").orElseThrow();
    assertThat(u.status()).isEqualTo(Status.INCOMPLETE);
    assertThat(u.note()).contains("rechecking after the replica caught up found no row in flight");
  }

  @Test
  void aFollowingReplicaNotWaitedForIsIncompleteWhateverMoved() {
    UnexplainedDifference u =
        UnexplainedDifference.judge(T, LEFT, 0, false, true, 3, "physical standby").orElseThrow();
    assertThat(u.status()).isEqualTo(Status.INCOMPLETE);
    assertThat(u.note()).contains("lag-aware off");
  }
}
