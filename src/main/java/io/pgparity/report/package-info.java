/** Writes the run folder: summary.json, divergences.jsonl and .csv, report.md. */
package io.pgparity.report;
