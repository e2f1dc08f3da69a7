package io.pgparity.connect;

/** A pair of results, one per side, taken at the same time. */
public record Both<T>(T primary, T replica) {

  public T get(Side side) {
    return side == Side.PRIMARY ? primary : replica;
  }
}
