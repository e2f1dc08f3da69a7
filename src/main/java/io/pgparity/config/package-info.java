/**
 * The job definition ({@link io.pgparity.config.JobDefinition}: tables, tuning, masks, shards,
 * metrics targets) and its strict YAML loading with {@code ${VAR}} references. Where each side
 * lives and its password are in {@link io.pgparity.config.connection}; the duration, size and rate
 * texts that job files and the command line share are in {@link io.pgparity.config.units}.
 */
package io.pgparity.config;
