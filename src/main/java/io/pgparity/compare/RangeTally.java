package io.pgparity.compare;

/**
 * Hears how many divergent rows a mismatched range held, by range number: the report's key-space
 * strip.
 */
@FunctionalInterface
public interface RangeTally {

  /**
   * Adds {@code rows} divergent rows to range {@code range}; may be called several times per range.
   */
  void divergent(int range, long rows);
}
