package io.pgparity.job;

import io.pgparity.audit.AuditReport;
import io.pgparity.audit.Auditor;
import io.pgparity.config.connection.PasswordResolver;
import io.pgparity.connect.ServerPair;
import io.pgparity.connect.Side;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Step auditReplication: the replication state and durability settings of both servers, checked
 * against the job's {@code expect:} once per run. The audit informs the verdict but never decides
 * the data check: if it cannot read the servers it becomes an audit error and the run goes on.
 */
final class AuditReplicationTasklet implements Tasklet {

  private static final Logger log = LoggerFactory.getLogger(AuditReplicationTasklet.class);

  private final InMemoryRunState state;
  private final Map<String, String> expect;

  AuditReplicationTasklet(InMemoryRunState state, Map<String, String> expect) {
    this.state = state;
    this.expect = expect;
  }

  @Override
  public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
    state.audit(audit(state.pair(), expect));
    return RepeatStatus.FINISHED;
  }

  /** Audits the open pair; failures and what the role could not see are logged, not thrown. */
  static AuditReport audit(ServerPair pair, Map<String, String> expect) {
    AuditReport report;
    try {
      report = Auditor.audit(pair.pool(Side.PRIMARY), pair.pool(Side.REPLICA), expect);
    } catch (RuntimeException e) {
      String message = PasswordResolver.redact(String.valueOf(e.getMessage()));
      log.warn(
          "Replication audit could not read the servers, the data check goes on without it: {}",
          message);
      return AuditReport.unreadable(expect, message);
    }
    report.errors().forEach(error -> log.warn("Replication audit: {}", error));
    if (!report.findings().isEmpty()) {
      log.warn("Replication audit: {}", report.headline(report.findings().size()));
    }
    return report;
  }
}
