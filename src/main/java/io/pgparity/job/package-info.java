/**
 * The Spring Batch verify job. One package, because its parts share package-private state types
 * that no other package may see; read it in this order:
 *
 * <ul>
 *   <li><b>Launch and wiring:</b> {@link io.pgparity.job.VerifyLauncher}, {@link
 *       io.pgparity.job.SpringVerifyLauncher} (one Spring context per run), {@link
 *       io.pgparity.job.VerifyApplication}, {@link io.pgparity.job.VerifyJobConfiguration} (steps,
 *       partitioners and scoped beans, wiring only), {@link io.pgparity.job.LaunchOptions}.
 *   <li><b>Steps, in order:</b> {@link io.pgparity.job.PlanRangesTasklet} (catalog, ranges, run
 *       folder; {@link io.pgparity.job.HeapSlices}), {@link
 *       io.pgparity.job.AuditReplicationTasklet}, {@link io.pgparity.job.HashPartitioner} and
 *       {@link io.pgparity.job.HashRangesTasklet}, {@link io.pgparity.job.DiffPartitioner} and
 *       {@link io.pgparity.job.DiffRowsTasklet}, {@link io.pgparity.job.WriteReportsTasklet}.
 *   <li><b>Run state:</b> {@link io.pgparity.job.InMemoryRunState} (job-scoped, one writer per
 *       field, documented field by field), {@link io.pgparity.job.TableState} per table, {@link
 *       io.pgparity.job.ContextKeys} for what lives in the ExecutionContext, {@link
 *       io.pgparity.job.RunPacer} (lag pauses and the rate limit).
 *   <li><b>Restart</b> (Spring Batch's own: same JobInstance, restored ExecutionContext): {@link
 *       io.pgparity.job.PreviousRun}, {@link io.pgparity.job.SavedPlan}, {@link
 *       io.pgparity.job.HashCheckpoint}, {@link io.pgparity.job.ResumedHashPartitions}, {@link
 *       io.pgparity.job.PlanChangedException}.
 *   <li><b>Results:</b> {@link io.pgparity.job.RunResults}, {@link
 *       io.pgparity.job.UnexplainedDifference}, {@link io.pgparity.job.IncompleteTableFailures},
 *       {@link io.pgparity.job.RunFailure}, {@link io.pgparity.job.RunEvidence}, {@link
 *       io.pgparity.job.RunEndReports} (the job listener that writes completed, stopped and failed
 *       runs' reports), {@link io.pgparity.job.RunOutcome}.
 * </ul>
 *
 * Progress output lives in {@code io.pgparity.progress}; what the reports look like in {@code
 * io.pgparity.report}.
 */
package io.pgparity.job;
