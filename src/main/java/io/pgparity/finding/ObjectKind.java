package io.pgparity.finding;

/** The kinds of schema object whose differences between the sides are reported. */
public enum ObjectKind {
  /** A table, partition or materialized view present on one side only. */
  TABLE,
  /** A column's type, collation, NOT NULL, default or generation expression. */
  COLUMN,
  PRIMARY_KEY,
  UNIQUE_CONSTRAINT,
  EXCLUSION_CONSTRAINT,
  FOREIGN_KEY,
  CHECK_CONSTRAINT,
  /** A unique index that is not a constraint's. */
  UNIQUE_INDEX,
  /** Any other index. */
  INDEX,
  /** A trigger, or its enabled state (ENABLE, ENABLE REPLICA, ENABLE ALWAYS, DISABLE). */
  TRIGGER,
  /** Row-level security: enabled, forced, and the policies. */
  ROW_LEVEL_SECURITY,
  /** An enum type's labels and their order. */
  ENUM_TYPE,
  /** An installed extension and its version. */
  EXTENSION,
  /** The version of a collation as each side's library reports it. */
  COLLATION,
  /** A sequence's definition or state. */
  SEQUENCE
}
