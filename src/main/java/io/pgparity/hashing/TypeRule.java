package io.pgparity.hashing;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How a column of one type family enters the row hash, and why that encoding is injective: two
 * different stored values (or values an application reads back differently) never give the same
 * input to {@code hash_record_extended}. Every element hash of the record hash is then a 64-bit
 * hash of that input: {@code hash_uint32_extended} for inputs of at most 32 bits, {@code
 * hash_any_extended} over every byte for bytea, text under "C", uuid, inet and the send forms
 * (hashfunc.c, uuid.c, network.c, mac.c, varlena.c; read in PostgreSQL's source).
 *
 * <p>Session settings pinned by every connection (TimeZone=UTC, DateStyle=ISO,
 * IntervalStyle=postgres, extra_float_digits=3, bytea_output=hex, lc_monetary=C,
 * search_path=pg_catalog, public) make the text outputs below canonical; search_path starting with
 * pg_catalog also means no user function can shadow the functions named here.
 */
enum TypeRule {

  /**
   * int2, int4, oid, bool, "char", date, xid, cid: the type hash (hashint2/hashint4/hashoid/
   * hashchar/hashint4 for date, xid and cid) feeds the whole value, at most 32 bits, to {@code
   * hash_uint32_extended}; nothing is folded or normalised.
   */
  OWN_HASH_32_BITS,
  /**
   * uuid (all 16 bytes), bytea ({@code hashvarlenaextended}: every byte), inet and cidr ({@code
   * hashinetextended}: family, mask bits and address bytes, the whole stored value), macaddr (6
   * bytes), macaddr8 (8 bytes): the type hash runs {@code hash_any_extended} over every stored
   * byte.
   */
  OWN_HASH_ALL_BYTES,
  /**
   * bigint as {@code int8send(c)}, 8 bytes hashed by hash_any_extended. Its type hash computes
   * {@code lohalf ^= val >= 0 ? hihalf : ~hihalf} and hashes 32 bits: 1 and 4294967296 collide.
   */
  INT8_SEND,
  /**
   * time, timetz, timestamp, timestamptz, interval, money, pg_lsn, xid8 as their send form: the
   * stored fields in network order (int64 microseconds; plus int32 zone for timetz; int64 time,
   * int32 day, int32 month for interval; int64 cents; int64 LSN; int64 xid). Their type hashes go
   * through hashint8 (32-bit fold), XOR time and zone (timetz) or normalise ('1 day' = '24 hours').
   */
  SEND_FORM,
  /**
   * numeric as {@code numeric_send(c)}: ndigits, weight, sign, dscale and the base-10000 digits.
   * The type hash drops sign and dscale (5.00 = -5.00 = 5) and hashes NaN and infinities as 0, the
   * hash of NULL. Stored numerics are normalised (make_result strips zero digits, zero is
   * positive), so one value and display scale has one send form, and the sign word tells NaN and
   * ±Infinity apart.
   */
  NUMERIC_SEND,
  /**
   * real/double as float4send/float8send of the value, every NaN replaced by the one 'NaN': the
   * type hash makes -0 equal 0. NaN payloads are normalised on purpose: they print alike ("NaN"),
   * logical replication in text mode turns each into the canonical NaN, and no operator tells them
   * apart, so a replica holding a different NaN bit pattern holds the same value.
   */
  FLOAT_SEND,
  /**
   * bpchar as {@code bpcharsend(c)}, its bytes in the client encoding (a lossless conversion;
   * pgjdbc pins UTF8). bpchar::text (rtrim) and hashbpchar (bcTruelen) drop trailing blanks, which
   * an unbounded bpchar stores and returns: 'a' and 'a ' differ.
   */
  BPCHAR_SEND,
  /**
   * text, varchar, name as {@code c::text COLLATE "C"}: the casts copy the bytes (name up to its
   * NUL), and hashtextextended under a deterministic collation hashes every byte; the column's own
   * collation may be nondeterministic (case- or accent-insensitive) and hash 'A' like 'a'. No
   * Unicode normalisation happens: NFC and NFD spellings stay apart.
   */
  TEXT_C_COLLATION,
  /**
   * jsonb as its text output: jsonb_out prints the stored tree (keys already sorted and
   * de-duplicated at input, numbers with their display scale via numeric_out, strings escaped). The
   * jsonb hash adds element hashes without container ends ([[1],2] = [[1,2]]) and compares numbers
   * by value (1.0 = 1.00).
   */
  JSONB_TEXT,
  /**
   * json and xml are stored as their text, which the output returns verbatim; they have no hash.
   */
  VERBATIM_TEXT,
  /**
   * Arrays (and int2vector, oidvector) as their text output: array_out prints non-default bounds
   * ([0:1]={1,2}), every dimension, NULL bare and the string "NULL" quoted, and each element
   * through its type's output, which the pinned settings make exact (numeric scale, bpchar blanks,
   * floats shortest-exact with -0, timestamps in UTC to the microsecond, intervals per field).
   * hash_array ignores bounds and uses the element hashes, with all their losses.
   */
  ARRAY_TEXT,
  /**
   * Composite types as their text output: record_out prints each field through its output, NULL as
   * nothing and an empty string as "", quoting what needs it. The record hash of a composite column
   * would reuse the lossy field hashes.
   */
  COMPOSITE_TEXT,
  /**
   * Ranges and multiranges as their text output: bounds printed through the subtype output, with
   * bracket kinds and "empty"; discrete ranges are canonicalised at input, so stored = printed.
   * Their hashes reuse the lossy subtype hashes.
   */
  RANGE_TEXT,
  /** Enums as their label: the type hash hashes the label's OID, which is local to each cluster. */
  ENUM_TEXT,
  /**
   * point, line, lseg, box, path, polygon, circle: text output of their float8 fields, exact with
   * extra_float_digits=3 (shortest round-trip form); path prints open/closed. They have no hash.
   */
  GEOMETRIC_TEXT,
  /** bit, varbit: bit_out prints every bit, so length and contents; they have no hash opclass. */
  BIT_TEXT,
  /**
   * regclass, regtype, regproc, regrole, ... as their text output: the stored OIDs are local to a
   * cluster (a logical replica resolves the names to its own OIDs), what both sides share is the
   * name.
   */
  OID_ALIAS_TEXT,
  /**
   * Other catalog types (aclitem, tid, tsvector, tsquery, jsonpath, pg_snapshot, txid_snapshot,
   * refcursor, pg_node_tree, the statistics types, ...): their text output prints the whole value
   * (aclitem with role names, tsvector sorted and de-duplicated at input), and most have no hash.
   */
  CATALOG_TEXT,
  /**
   * Pseudo-types (any*, record, cstring, ...) cannot be the type of a user table's column; text
   * output is what an application would read if one ever appeared.
   */
  PSEUDO_TEXT,
  /**
   * Types outside pg_catalog (citext, hstore, ltree, PostGIS, ...) as their text output: what the
   * application reads back; their hashes follow their equality (citext ignores case), which we
   * cannot audit.
   */
  EXTENSION_TEXT,
  /**
   * A pg_catalog base type this list does not know (a newer PostgreSQL's): its text output, the
   * safest guess. The type-enumeration test fails on any server where this rule is reached.
   */
  UNLISTED_TEXT;

  private static final Map<String, String> SEND_FUNCTIONS =
      Map.of(
          "time",
          "time_send",
          "timetz",
          "timetz_send",
          "timestamp",
          "timestamp_send",
          "timestamptz",
          "timestamptz_send",
          "interval",
          "interval_send",
          "money",
          "cash_send",
          "pg_lsn",
          "pg_lsn_send",
          "xid8",
          "xid8send");

  private static final Set<String> OWN_HASH_32 =
      Set.of("int2", "int4", "oid", "bool", "char", "date", "xid", "cid");
  private static final Set<String> OWN_HASH_BYTES =
      Set.of("uuid", "bytea", "inet", "cidr", "macaddr", "macaddr8");
  private static final Set<String> TEXT_LIKE = Set.of("text", "varchar", "name");
  private static final Set<String> GEOMETRIC =
      Set.of("point", "line", "lseg", "box", "path", "polygon", "circle");
  private static final Set<String> OID_ALIASES =
      Set.of(
          "regclass",
          "regcollation",
          "regconfig",
          "regdictionary",
          "regnamespace",
          "regoper",
          "regoperator",
          "regproc",
          "regprocedure",
          "regrole",
          "regtype");
  private static final Set<String> CATALOG =
      Set.of(
          "aclitem",
          "gtsvector",
          "jsonpath",
          "pg_snapshot",
          "txid_snapshot",
          "refcursor",
          "tid",
          "tsquery",
          "tsvector",
          "pg_node_tree",
          "pg_ndistinct",
          "pg_dependencies",
          "pg_mcv_list",
          "pg_brin_bloom_summary",
          "pg_brin_minmax_multi_summary",
          "unknown");

  /** The rule of a type: {@code kind} is pg_type.typtype, {@code category} typcategory. */
  static TypeRule of(String baseType, String baseTypeSchema, char category, char kind) {
    if (category == 'A') {
      return ARRAY_TEXT;
    }
    switch (kind) {
      case 'c':
        return COMPOSITE_TEXT;
      case 'r':
      case 'm':
        return RANGE_TEXT;
      case 'e':
        return ENUM_TEXT;
      case 'p':
        return PSEUDO_TEXT;
      default:
        break;
    }
    if (!baseTypeSchema.equals("pg_catalog")) {
      return EXTENSION_TEXT;
    }
    if (OWN_HASH_32.contains(baseType)) {
      return OWN_HASH_32_BITS;
    }
    if (OWN_HASH_BYTES.contains(baseType)) {
      return OWN_HASH_ALL_BYTES;
    }
    if (SEND_FUNCTIONS.containsKey(baseType)) {
      return SEND_FORM;
    }
    if (TEXT_LIKE.contains(baseType)) {
      return TEXT_C_COLLATION;
    }
    if (GEOMETRIC.contains(baseType)) {
      return GEOMETRIC_TEXT;
    }
    if (OID_ALIASES.contains(baseType)) {
      return OID_ALIAS_TEXT;
    }
    if (CATALOG.contains(baseType)) {
      return CATALOG_TEXT;
    }
    return switch (baseType) {
      case "int8" -> INT8_SEND;
      case "numeric" -> NUMERIC_SEND;
      case "float4", "float8" -> FLOAT_SEND;
      case "bpchar" -> BPCHAR_SEND;
      case "jsonb" -> JSONB_TEXT;
      case "json", "xml" -> VERBATIM_TEXT;
      case "bit", "varbit" -> BIT_TEXT;
      default -> UNLISTED_TEXT;
    };
  }

  /**
   * The SQL expressions for column expression {@code c} of base type {@code baseType}; a dropped
   * part is replaced by the naive form it guards against (tests only). Domains need no casts:
   * PostgreSQL coerces a domain to its base type for these functions and casts.
   */
  List<String> encode(String c, String baseType, Set<EncodingPart> dropped) {
    String text = c + "::text COLLATE \"C\"";
    return switch (this) {
      case OWN_HASH_32_BITS, OWN_HASH_ALL_BYTES -> List.of(c);
      case INT8_SEND ->
          List.of(dropped.contains(EncodingPart.INT8_SEND) ? c : "int8send(" + c + ")");
      case SEND_FORM -> {
        if (!dropped.contains(EncodingPart.SEND_FORMS)) {
          yield List.of(SEND_FUNCTIONS.get(baseType) + "(" + c + ")");
        }
        // money has no hash function at all: its naive form is its text
        yield List.of(baseType.equals("money") ? text : c);
      }
      case NUMERIC_SEND ->
          List.of(dropped.contains(EncodingPart.NUMERIC_SEND) ? c : "numeric_send(" + c + ")");
      case FLOAT_SEND -> {
        if (dropped.contains(EncodingPart.FLOAT_SEND)) {
          yield List.of(c);
        }
        String send = baseType + "send(";
        if (dropped.contains(EncodingPart.NAN_NORMALISED)) {
          yield List.of(send + c + ")");
        }
        // NaN = NaN is true for every NaN (float8_eq), so this maps all of them to the canonical
        // one
        String nan = "'NaN'::" + baseType;
        yield List.of(
            send + "CASE WHEN " + c + " = " + nan + " THEN " + nan + " ELSE " + c + " END)");
      }
      case BPCHAR_SEND ->
          List.of(dropped.contains(EncodingPart.BPCHAR_BLANKS) ? text : "bpcharsend(" + c + ")");
      case TEXT_C_COLLATION ->
          List.of(dropped.contains(EncodingPart.C_COLLATION) ? c + "::text" : text);
      case JSONB_TEXT, ARRAY_TEXT, COMPOSITE_TEXT, RANGE_TEXT, ENUM_TEXT ->
          List.of(dropped.contains(EncodingPart.TEXT_OUTPUT) ? c : text);
      case VERBATIM_TEXT,
          GEOMETRIC_TEXT,
          BIT_TEXT,
          OID_ALIAS_TEXT,
          CATALOG_TEXT,
          PSEUDO_TEXT,
          EXTENSION_TEXT,
          UNLISTED_TEXT ->
          List.of(text);
    };
  }
}
