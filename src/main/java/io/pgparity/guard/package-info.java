/**
 * Operations guards of a run: one run per job at a time, a time budget and a clean stop on SIGTERM.
 */
package io.pgparity.guard;
