/** The Spring Batch verify job: wiring, tasklets, the partitioner and the run ledger. */
package io.pgparity.job;
