package io.pgparity.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgparity.failure.CompareException;
import io.pgparity.live.ReplicaStalledException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class IncompleteTableFailuresTests {

  @Test
  void aStalledReplicaOrATimeoutLeavesTheTableIncomplete() {
    assertThat(IncompleteTableFailures.contains(new ReplicaStalledException("replay is paused")))
        .isTrue();
    assertThat(
            IncompleteTableFailures.contains(
                new CompareException(
                    "t: timeout", new SQLException("canceling statement", "57014"))))
        .isTrue();
  }

  @Test
  void permissionAndSqlErrorsStillFailTheRun() {
    assertThat(
            IncompleteTableFailures.contains(
                new CompareException("t: denied", new SQLException("permission denied", "42501"))))
        .isFalse();
    assertThat(IncompleteTableFailures.contains(new CompareException("t: broken"))).isFalse();
  }
}
