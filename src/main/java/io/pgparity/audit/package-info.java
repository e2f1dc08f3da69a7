/**
 * {@code pgparity audit}: the replication state and the durability settings of a primary and its
 * replica.
 */
package io.pgparity.audit;
