package io.pgparity.catalog;

/** How strongly one side keeps a key unique, weakest first. */
public enum KeyUniqueness {
  /**
   * No primary key or unique index over the key or some of its columns: duplicates can be stored.
   */
  NOT_ENFORCED,
  /**
   * Only a DEFERRABLE constraint: duplicates can exist inside a transaction, never after it
   * commits.
   */
  AT_COMMIT,
  /** A primary key or unique index checked row by row. */
  IMMEDIATE
}
