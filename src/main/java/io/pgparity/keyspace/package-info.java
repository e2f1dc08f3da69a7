/** Splits a table's key space into half-open ranges whose boundaries come from the data. */
package io.pgparity.keyspace;
