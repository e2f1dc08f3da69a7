/** The Spring Batch verify job: wiring, tasklets, partitioners, and the run state kept in memory beside the ExecutionContext. */
package io.pgparity.job;
