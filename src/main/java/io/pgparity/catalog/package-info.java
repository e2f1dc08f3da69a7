/**
 * Reads tables, keys and columns from pg_catalog on both sides and quotes identifiers in one place.
 */
package io.pgparity.catalog;
