/** Writes the run folder: summary.json, divergences.jsonl and .csv, report.md, report.html. */
package io.pgparity.report;
