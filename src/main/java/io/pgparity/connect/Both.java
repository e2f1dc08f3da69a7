package io.pgparity.connect;

/**
 * One value per side: the primary's and the replica's answer to the same question (their row sums
 * for a range, their catalog entries, their WAL positions). This is the project's one name for "the
 * two sides' results as a pair": {@link ServerPair#onBoth} produces it by running the same {@link
 * SideQuery} on both servers at the same time; other code builds one from what it already holds per
 * side (a saved plan, a checkpoint). Either value may be null where the question had no answer on
 * that side yet (e.g. WAL positions of a run that never connected).
 */
public record Both<T>(T primary, T replica) {

  /** The value of {@code side}. */
  public T get(Side side) {
    return side == Side.PRIMARY ? primary : replica;
  }

  /** Both values passed through {@code f}. */
  public <U> Both<U> map(java.util.function.Function<? super T, ? extends U> f) {
    return new Both<>(f.apply(primary), f.apply(replica));
  }
}
