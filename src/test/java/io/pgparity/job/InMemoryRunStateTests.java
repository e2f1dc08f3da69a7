package io.pgparity.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgparity.audit.AuditReport;
import io.pgparity.config.JobDefinition;
import io.pgparity.config.TableSpec;
import io.pgparity.config.Tuning;
import io.pgparity.config.connection.ConnectionSpec;
import io.pgparity.report.Resumption;
import io.pgparity.table.TableRef;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InMemoryRunStateTests {

  private static final JobDefinition JOB =
      new JobDefinition(
          "nightly",
          new ConnectionSpec("jdbc:postgresql://db1:5432/app?user=check", null),
          new ConnectionSpec("jdbc:postgresql://db2:5432/app?user=check", null),
          List.of(
              TableSpec.of(TableRef.parse("public.a")), TableSpec.of(TableRef.parse("public.b"))),
          Tuning.defaults(),
          Path.of("out"),
          null);

  @Test
  void eachTableOfTheDefinitionHasItsStateInOrder() {
    InMemoryRunState state = new InMemoryRunState(JOB, Instant.EPOCH);

    assertThat(state.tables())
        .extracting(t -> t.spec.table().toString())
        .containsExactly("public.a", "public.b");
    assertThat(state.table(1)).isSameAs(state.tables().get(1));
    assertThat(state.startedAt()).isEqualTo(Instant.EPOCH);
  }

  @Test
  void beforePlanningNothingIsOpenAndTheReplicaIsNotWaitedFor() {
    InMemoryRunState state = new InMemoryRunState(JOB, Instant.EPOCH);

    assertThat(state.pair()).isNull();
    assertThat(state.folder()).isNull();
    assertThat(state.servers()).isNull();
    assertThat(state.replication()).isNull();
    assertThat(state.catchUp().waits()).isFalse();
    state.close(); // closes only what was opened
  }

  @Test
  void aFieldHasOneWriterThatSetsItOnce() {
    InMemoryRunState state = new InMemoryRunState(JOB, Instant.EPOCH);
    AuditReport audit = AuditReport.unreadable(Map.of(), "no access");
    state.audit(audit);
    state.resumption(new Resumption("20260101T000000Z-abcd", 2, 5));

    assertThat(state.audit()).isSameAs(audit);
    assertThatThrownBy(() -> state.audit(audit)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> state.resumption(new Resumption("20260101T000000Z-abcd", 2, 5)))
        .isInstanceOf(IllegalStateException.class);
  }
}
