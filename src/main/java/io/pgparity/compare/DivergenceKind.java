package io.pgparity.compare;

/** How one row differs between primary and replica. */
public enum DivergenceKind {
  /** The primary has the row, the replica does not. */
  MISSING_ON_REPLICA,
  /** The replica has a row the primary does not. */
  EXTRA_ON_REPLICA,
  /** Both have the key, some columns differ. */
  CHANGED
}
