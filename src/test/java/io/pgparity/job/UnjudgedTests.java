package io.pgparity.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgparity.failure.CompareException;
import io.pgparity.live.ReplicaStalledException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class UnjudgedTests {

  @Test
  void aStalledReplicaOrATimeoutLeavesTheTableIncomplete() {
    assertThat(Unjudged.leavesTableIncomplete(new ReplicaStalledException("replay is paused"))).isTrue();
    assertThat(Unjudged.leavesTableIncomplete(
        new CompareException("t: timeout", new SQLException("canceling statement", "57014")))).isTrue();
  }

  @Test
  void permissionAndSqlErrorsStillFailTheRun() {
    assertThat(Unjudged.leavesTableIncomplete(
        new CompareException("t: denied", new SQLException("permission denied", "42501")))).isFalse();
    assertThat(Unjudged.leavesTableIncomplete(new CompareException("t: broken"))).isFalse();
  }
}
