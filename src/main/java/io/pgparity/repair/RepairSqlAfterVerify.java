package io.pgparity.repair;

import io.pgparity.config.JobDefinition;
import io.pgparity.connect.ServerPair;
import io.pgparity.report.RunFolder;
import io.pgparity.sequence.SequenceResult;
import io.pgparity.table.TableRef;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The end of a {@code verify --repair-sql} run: repair.sql for the replica, built from the unmasked
 * divergences the run kept. A failure here does not change the verdict (the rows found are still
 * the rows found); it is logged with the command that builds the file again.
 */
public final class RepairSqlAfterVerify {

  private static final Logger log = LoggerFactory.getLogger(RepairSqlAfterVerify.class);

  private RepairSqlAfterVerify() {}

  /**
   * Closes {@code input} and writes repair.sql beside it for the run's compared {@code tables} and
   * its {@code sequences}; empty when that failed (logged).
   */
  public static Optional<RepairBuild> write(
      ServerPair pair,
      RepairInput input,
      JobDefinition definition,
      RunFolder folder,
      List<TableRef> tables,
      List<SequenceResult> sequences) {
    try {
      input.close();
      RepairRun run =
          new RepairRun(
              folder.path(),
              definition.name(),
              folder.runId(),
              definition.primary().url(),
              definition.replica().url(),
              tables);
      return Optional.of(
          new RepairSqlBuilder(pair, RepairTarget.REPLICA, true)
              .build(run, input.file(), sequences));
    } catch (RuntimeException e) {
      log.warn(
          "repair.sql was not written: {}; build it again with: pgparity repair {}",
          e.getMessage(),
          folder.path());
      log.debug("repair.sql failed", e);
      return Optional.empty();
    }
  }
}
