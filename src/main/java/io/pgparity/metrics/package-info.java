/**
 * Run metrics in Prometheus text: built from a finished RunResult, written to a .prom file or
 * pushed.
 */
package io.pgparity.metrics;
