/**
 * Sequences: each sequence's state on both sides, whether the replica's is behind the primary's or
 * behind the maximum of the column that owns it, and the setval that repairs it.
 */
package io.pgparity.sequence;
