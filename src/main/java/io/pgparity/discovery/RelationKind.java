package io.pgparity.discovery;

/** The kinds of relation that hold rows a run can compare (pg_class.relkind). */
public enum RelationKind {
  TABLE('r'),
  PARTITIONED_TABLE('p'),
  MATERIALIZED_VIEW('m'),
  FOREIGN_TABLE('f');

  private final char relkind;

  RelationKind(char relkind) {
    this.relkind = relkind;
  }

  public char relkind() {
    return relkind;
  }

  /** The kind of {@code relkind}; views, sequences, indexes and others are none of these. */
  public static RelationKind of(char relkind) {
    for (RelationKind kind : values()) {
      if (kind.relkind == relkind) {
        return kind;
      }
    }
    throw new IllegalArgumentException("relkind '" + relkind + "' holds no comparable rows");
  }
}
