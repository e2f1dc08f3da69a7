/**
 * The error a run reports when a database, the network or a run file fails it: thrown by the
 * engine's lowest packages (connect, live, guard) and caught by the job and the commands.
 */
package io.pgparity.failure;
