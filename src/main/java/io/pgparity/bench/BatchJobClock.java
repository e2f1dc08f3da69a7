package io.pgparity.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Reads the job's time from Spring Batch's own record of it, in an in-memory H2 job repository that
 * lives as long as the bench's JVM: the job execution's START_TIME to END_TIME spans every step the
 * launcher runs (planning with its catalog reads and key sampling, the replication audit, hashing,
 * diffing, writing the reports) and nothing of the Spring context start before it. summary.json's
 * startedAt cannot serve: it is taken while the context still starts.
 */
final class BatchJobClock implements JobClock {

  // the tables of Spring Batch's schema (schema-h2.sql); a partition's step is named step:partition
  private static final String LAST_JOB =
      "SELECT JOB_EXECUTION_ID, START_TIME, END_TIME FROM BATCH_JOB_EXECUTION"
          + " ORDER BY JOB_EXECUTION_ID DESC LIMIT 1";
  private static final String STEPS =
      "SELECT STEP_NAME, START_TIME, END_TIME FROM BATCH_STEP_EXECUTION"
          + " WHERE JOB_EXECUTION_ID = ? AND STEP_NAME NOT LIKE '%:%' ORDER BY START_TIME, STEP_EXECUTION_ID";

  // the user Spring Boot's embedded-database defaults create the repository with
  private static final String USER = "sa";

  private final String url;
  private long lastRead = -1;

  BatchJobClock(String url) {
    this.url = url;
  }

  /** A repository of its own, named at random so two benches in one JVM (tests) never share one. */
  static BatchJobClock inMemory() {
    return new BatchJobClock(
        "jdbc:h2:mem:pgparity-bench-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
  }

  @Override
  public String jobRepositoryUrl() {
    return url;
  }

  @Override
  public JobTime lastJob() {
    try (Connection connection = DriverManager.getConnection(url, USER, "");
        PreparedStatement job = connection.prepareStatement(LAST_JOB);
        ResultSet jobs = job.executeQuery()) {
      if (!jobs.next() || jobs.getLong(1) <= lastRead) {
        throw new IllegalStateException(
            "the launch left no new job execution in the job repository " + url);
      }
      long id = jobs.getLong(1);
      lastRead = id;
      double seconds = seconds(jobs.getTimestamp(2), jobs.getTimestamp(3), "job execution " + id);
      List<StepTime> steps = new ArrayList<>();
      try (PreparedStatement step = connection.prepareStatement(STEPS)) {
        step.setLong(1, id);
        try (ResultSet rows = step.executeQuery()) {
          while (rows.next()) {
            steps.add(
                new StepTime(
                    rows.getString(1),
                    seconds(
                        rows.getTimestamp(2), rows.getTimestamp(3), "step " + rows.getString(1))));
          }
        }
      }
      return new JobTime(seconds, steps);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot read the job's time from " + url + ": " + e.getMessage(), e);
    }
  }

  private static double seconds(Timestamp start, Timestamp end, String what) {
    if (start == null || end == null) {
      throw new IllegalStateException(what + " has no start or end time in the job repository");
    }
    return Duration.between(start.toInstant(), end.toInstant()).toNanos() / 1e9;
  }
}
