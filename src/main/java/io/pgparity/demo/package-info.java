/**
 * The embedded primary/replica pair with logical replication, the auth schema and the incident
 * replay.
 */
package io.pgparity.demo;
