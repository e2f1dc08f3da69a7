/**
 * How far a run has got, for people watching: the periodic progress log line (rows hashed per
 * table, rate, time left) and the live line on a terminal. The job feeds it; it decides nothing.
 */
package io.pgparity.progress;
