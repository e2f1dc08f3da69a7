package io.pgparity.job;

import io.pgparity.connect.Both;
import io.pgparity.finding.SchemaFinding;
import io.pgparity.live.ReplicaKind;
import io.pgparity.schemadiff.SchemaCatalog;
import io.pgparity.schemadiff.SchemaComparison;
import io.pgparity.table.TableRef;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Step compareSchemaObjects: the constraints, indexes, triggers, row-level security, enum labels,
 * extensions and collation versions of the compared tables, read on both sides with one query per
 * kind (not per table) and compared by what they do. A physical standby shares the primary's
 * catalog, so there only the collation versions its own libraries report are compared.
 */
final class CompareSchemaObjectsTasklet implements Tasklet {

  private static final Logger log = LoggerFactory.getLogger(CompareSchemaObjectsTasklet.class);

  private static final int LOGGED_FINDINGS = 10;

  private final InMemoryRunState state;

  CompareSchemaObjectsTasklet(InMemoryRunState state) {
    this.state = state;
  }

  @Override
  public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
    Map<TableRef, List<String>> keys = new LinkedHashMap<>();
    state.tables().stream()
        .filter(TableState::comparable)
        .forEach(t -> keys.put(t.plan.table(), t.plan.keyNames()));
    boolean standby = state.replication().link().kind() == ReplicaKind.PHYSICAL_STANDBY;
    long start = System.nanoTime();
    Both<SchemaCatalog> catalogs =
        state
            .pair()
            .onBoth("schema objects", (c, s) -> SchemaCatalog.read(c, keys.keySet(), standby));
    List<SchemaFinding> findings = SchemaComparison.compare(catalogs, keys);
    state.schemaObjects(
        new InMemoryRunState.SchemaObjects(
            findings, standby ? SchemaComparison.PHYSICAL_STANDBY_NOTE : null));
    log.info(
        "Schema objects of {} tables compared: {} difference(s){} ({} ms)",
        keys.size(),
        findings.size(),
        standby ? " (" + SchemaComparison.PHYSICAL_STANDBY_NOTE + ")" : "",
        (System.nanoTime() - start) / 1_000_000);
    // the reports list them all; the log names the first few, so a run's log says why it diverged
    findings.stream()
        .limit(LOGGED_FINDINGS)
        .forEach(
            f ->
                log.info(
                    "Schema finding ({}, {}): {}{}",
                    f.severity(),
                    f.kind(),
                    f.table() == null ? "" : f.table().unambiguous() + ": ",
                    f.message()));
    return RepeatStatus.FINISHED;
  }
}
