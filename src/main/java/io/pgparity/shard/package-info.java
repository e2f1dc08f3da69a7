/**
 * Sharded checks: the rows a shard owns (verify --shard) and pgparity merge of the shards' run
 * folders.
 */
package io.pgparity.shard;
