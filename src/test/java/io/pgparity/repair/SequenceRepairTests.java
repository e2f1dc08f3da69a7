package io.pgparity.repair;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgparity.sequence.SequenceResult;
import io.pgparity.sequence.SequenceStatus;
import io.pgparity.table.TableRef;
import java.util.List;
import org.junit.jupiter.api.Test;

class SequenceRepairTests {

  private static final TableRef ODD = new TableRef("we'ird\"s", "seq'); DROP TABLE x; --\nnext");

  @Test
  void aNameWithQuotesAndALineBreakStaysOneLiteralAndOneCommentLine() {
    SequenceResult behind =
        new SequenceResult(
            ODD, 40L, 3L, null, null, null, SequenceStatus.REPLICA_BEHIND, false, "behind");

    List<String> lines = SequenceRepair.lines(List.of(behind));

    assertThat(lines).hasSize(2);
    assertThat(lines.get(0)).startsWith("-- sequence ").doesNotContain("\n");
    assertThat(lines.get(1))
        .isEqualTo(
            "SELECT pg_catalog.setval(E'\"we''ird\"\"s\".\"seq''); DROP TABLE x; --\\nnext\"'"
                + "::pg_catalog.regclass, GREATEST(40, pg_catalog.pg_sequence_last_value(E'\"we''ird\"\"s\".\"seq''); DROP TABLE x; --\\nnext\"'::pg_catalog.regclass)), true);");
  }

  @Test
  void theTargetIsTheFurthestOfThePrimaryTheColumnAndTheReplicaInTheSequencesDirection() {
    TableRef seq = new TableRef("s", "t_id_seq");
    TableRef table = new TableRef("s", "t");
    SequenceResult up =
        new SequenceResult(
            seq, 40L, 3L, table, "id", 75L, SequenceStatus.BEHIND_COLUMN_MAX, false, "x");
    SequenceResult down =
        new SequenceResult(
            seq, -40L, -3L, table, "id", -75L, SequenceStatus.BEHIND_COLUMN_MAX, true, "x");
    SequenceResult downBehindPrimary =
        new SequenceResult(
            seq, -40L, -3L, table, "id", -10L, SequenceStatus.REPLICA_BEHIND, true, "x");

    assertThat(SequenceRepair.lines(List.of(up)).get(1))
        .contains("GREATEST(75, pg_catalog.pg_sequence_last_value(");
    assertThat(SequenceRepair.lines(List.of(up)).get(0))
        .isEqualTo(
            "-- sequence s.t_id_seq: the replica's s.t.id holds 75, the primary handed out 40,"
                + " the replica 3: move it past all of them");
    assertThat(SequenceRepair.lines(List.of(down)).get(1))
        .contains("LEAST(-75, pg_catalog.pg_sequence_last_value(");
    assertThat(SequenceRepair.lines(List.of(downBehindPrimary)).get(1))
        .contains("LEAST(-40, pg_catalog.pg_sequence_last_value(");
  }

  @Test
  void onlyDivergentStatesAreRepairedAndAReplicaWithoutTheSequenceGetsACommentOnly() {
    TableRef seq = new TableRef("s", "q");
    for (SequenceStatus quiet :
        List.of(
            SequenceStatus.SAME,
            SequenceStatus.REPLICA_AHEAD,
            SequenceStatus.REPLICA_ONLY,
            SequenceStatus.UNREADABLE)) {
      assertThat(
              SequenceRepair.lines(
                  List.of(new SequenceResult(seq, 1L, 2L, null, null, null, quiet, false, "x"))))
          .as("%s", quiet)
          .isEmpty();
    }
    assertThat(
            SequenceRepair.lines(
                List.of(
                    new SequenceResult(
                        seq, 9L, null, null, null, null, SequenceStatus.PRIMARY_ONLY, false, "x"))))
        .containsExactly(
            "-- sequence s.q exists on the primary only: create it on the replica (DDL is not"
                + " repaired), then set it to the primary's value 9");
  }

  @Test
  void aPrimaryResetAndNeverCalledSinceIsLeftToTheOperatorWithAComment() {
    SequenceResult reset =
        new SequenceResult(
            new TableRef("s", "q"),
            null,
            null,
            null,
            null,
            null,
            SequenceStatus.REPLICA_BEHIND,
            false,
            "x");

    assertThat(SequenceRepair.lines(List.of(reset)))
        .singleElement()
        .asString()
        .startsWith("-- sequence s.q is behind the primary's, which was reset");
  }
}
