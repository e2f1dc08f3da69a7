package io.pgparity.compare;

import io.pgparity.catalog.TablePlan;
import io.pgparity.connect.ServerPair;
import io.pgparity.connect.Side;
import io.pgparity.failure.CompareException;
import io.pgparity.hashing.BucketSum;
import io.pgparity.keyspace.KeyValue;
import io.pgparity.live.CatchUp;
import io.pgparity.live.Lsn;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Judges suspect rows on a live pair. Each round reads the rows on the primary and notes its WAL
 * position, waits until the replica has replayed or applied past it, reads them on the replica,
 * then on the primary again. A replica row equal to either primary read was in flight (converged:
 * only where the replica was waited for); one that differs while the primary held still between its
 * two reads is divergent, since the replica had seen that state; a row the primary changed in
 * between, or whose settle column is recent, is read again after the recheck delay, and after the
 * last round is unstable.
 */
final class Rechecker {

  private final ServerPair pair;
  private final TablePlan plan;
  private final RowFetcher fetcher;
  private final CatchUp catchUp;
  private final int rechecks;
  private final Duration delay;
  private final DiffCounts counts;
  private final Consumer<Divergence> divergent;
  private final Consumer<RecheckedRow> settled;

  Rechecker(
      ServerPair pair,
      TablePlan plan,
      RowFetcher fetcher,
      LiveRecheck live,
      DiffCounts counts,
      Consumer<Divergence> divergent,
      Consumer<RecheckedRow> settled) {
    this.pair = pair;
    this.plan = plan;
    this.fetcher = fetcher;
    this.catchUp = live.catchUp();
    this.rechecks = live.rechecks();
    this.delay = live.delay();
    this.counts = counts;
    this.divergent = divergent;
    this.settled = settled;
  }

  /** Judges a batch of suspect keys; false once the divergence budget is spent. */
  boolean judge(List<KeyValue> keys) {
    String what = plan.table() + " rows";
    PrimaryRead before = readPrimary(what, keys);
    List<KeyValue> pending = keys;
    for (int round = 1; ; round++) {
      catchUp.await(before.position());
      List<KeyValue> reading = pending;
      Map<KeyValue, List<FetchedRow>> replica =
          pair.on(Side.REPLICA, what, (c, s) -> fetcher.rows(c, reading));
      PrimaryRead after = readPrimary(what, pending);
      List<KeyValue> undecided = new ArrayList<>();
      for (KeyValue key : pending) {
        List<FetchedRow> first = before.rows().getOrDefault(key, List.of());
        List<FetchedRow> last = after.rows().getOrDefault(key, List.of());
        List<FetchedRow> onReplica = replica.getOrDefault(key, List.of());
        if (FetchedRow.same(onReplica, first) || FetchedRow.same(onReplica, last)) {
          // equal now; it was in flight only if the replica was waited for: on a copy that is not
          // waited for, the table's accounting must explain the hashes that differed without it
          if (catchUp.waits()) {
            counts.converged();
            settled.accept(
                new RecheckedRow(
                    plan.table(),
                    RowClassifier.keyColumns(plan, key),
                    RecheckOutcome.CONVERGED,
                    round + 1));
          }
        } else if (FetchedRow.same(first, last) && !settling(last) && !settling(onReplica)) {
          for (RowClassifier.Unmatched unmatched :
              RowClassifier.unmatched(last, onReplica, !plan.keyless())) {
            Divergence divergence = RowClassifier.divergence(plan, key, unmatched);
            if (!counts.take(divergence.kind())) {
              counts.skipped();
              return false;
            }
            counts.explain(sum(unmatched.primary()), sum(unmatched.replica()));
            divergent.accept(divergence);
          }
        } else {
          undecided.add(key);
        }
      }
      if (undecided.isEmpty()) {
        return true;
      }
      if (round > rechecks) {
        for (KeyValue key : undecided) {
          counts.unstable();
          settled.accept(
              new RecheckedRow(
                  plan.table(),
                  RowClassifier.keyColumns(plan, key),
                  RecheckOutcome.UNSTABLE,
                  round + 1));
        }
        return true;
      }
      pause();
      before = after;
      pending = undecided;
    }
  }

  private static BucketSum sum(FetchedRow row) {
    return row == null ? BucketSum.EMPTY : FetchedRow.sum(List.of(row));
  }

  private PrimaryRead readPrimary(String what, List<KeyValue> keys) {
    return pair.on(
        Side.PRIMARY,
        what,
        (c, s) -> {
          Map<KeyValue, List<FetchedRow>> rows = fetcher.rows(c, keys);
          // read after the rows, in the same transaction: every commit they show lies before it
          return new PrimaryRead(rows, catchUp.primaryPosition(c));
        });
  }

  private static boolean settling(List<FetchedRow> rows) {
    return rows.stream().anyMatch(FetchedRow::settling);
  }

  private void pause() {
    try {
      Thread.sleep(delay.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CompareException(plan.table() + ": interrupted while waiting to recheck rows", e);
    }
  }

  /** Rows read on the primary and its WAL position right after. */
  private record PrimaryRead(Map<KeyValue, List<FetchedRow>> rows, Lsn position) {}
}
