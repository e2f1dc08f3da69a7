package io.pgparity.repair;

/** What one repair statement does to one target row. */
public enum RepairKind {
  /** Adds a row the source has and the target lacks. */
  INSERT,
  /** Sets the columns that differ to the source's values. */
  UPDATE,
  /** Removes a row the source does not have. */
  DELETE
}
