package io.pgparity.repair;

/** What one repair statement does to one target row. */
public enum RepairKind {
  /** Adds a row the source has and the target lacks. */
  INSERT,
  /** Sets the columns that differ to the source's values. */
  UPDATE,
  /** Removes a row the source does not have. */
  DELETE,
  /**
   * Moves a sequence of the replica past its data ({@code SELECT pg_catalog.setval(...)}, after the
   * rows); not a row, so not among the row counts.
   */
  SETVAL;

  /** How a statement of this kind begins in repair.sql. */
  String start() {
    return switch (this) {
      case INSERT -> "INSERT INTO ";
      case UPDATE -> "UPDATE ";
      case DELETE -> "DELETE FROM ";
      case SETVAL -> SETVAL_START;
    };
  }

  static final String SETVAL_START = "SELECT pg_catalog.setval(";
}
