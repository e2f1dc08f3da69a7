package io.pgparity.hashing;

/**
 * The identity-preserving parts of the row hash: each replaces a PostgreSQL type hash (or a step)
 * that loses part of what is stored. Tests drop one part at a time ({@link
 * RowHashSql#rowHash(java.util.List, java.util.Set)}) and check that an adversarial pair then
 * collides, so none of these can be removed without a test failing.
 */
enum EncodingPart {
  /** bigint by {@code int8send}: hashint8extended XORs the high half into the low half. */
  INT8_SEND,
  /**
   * numeric by {@code numeric_send}: hash_numeric_extended ignores sign and scale, NaN hashes 0.
   */
  NUMERIC_SEND,
  /**
   * time, timetz, timestamp(tz), interval, money, pg_lsn, xid8 by their send form: their type
   * hashes fold 64 bits to 32 (hashint8), XOR time and zone (timetz) or normalise ('1 day' = '24
   * hours').
   */
  SEND_FORMS,
  /** real/double by float4send/float8send: the type hash makes -0 and 0 equal. */
  FLOAT_SEND,
  /**
   * Every NaN as the one canonical NaN, so NaNs that print alike and replicate alike hash alike.
   */
  NAN_NORMALISED,
  /** bpchar by bpcharsend: bpchar::text and the bpchar hash drop trailing blanks. */
  BPCHAR_BLANKS,
  /** text-like types under COLLATE "C": a nondeterministic column collation hashes 'A' like 'a'. */
  C_COLLATION,
  /** jsonb, arrays, ranges, composites, enums by their text output instead of their type hash. */
  TEXT_OUTPUT,
  /** The final 64-bit mix of the record hash, which is linear in its columns. */
  FINAL_MIX
}
