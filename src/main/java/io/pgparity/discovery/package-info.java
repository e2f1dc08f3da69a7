/**
 * Finds the tables a run compares: one catalog query per side lists every candidate relation, a
 * {@link io.pgparity.config.TableSelection} and the job's exact entries are resolved against both
 * listings (partitioned tables through their leaves), and {@link
 * io.pgparity.discovery.CatalogSnapshot} reads every compared table's columns and unique keys in
 * one query per kind.
 */
package io.pgparity.discovery;
