package io.pgparity.job;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import io.pgparity.failure.CompareException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;

/**
 * Why a run failed, in one line: the most specific of its failures and how many others there were.
 * A partitioned step that fails records only Spring Batch's "Partition handler returned an
 * unsuccessful step"; the worker step executions hold the CompareException that names the table,
 * the server's words, the SQLSTATE and the remedy. That one is chosen, whatever order the job
 * execution lists its steps in, and however many partitions failed.
 *
 * @param cause the chosen failure
 * @param message its one line, e.g. {@code public.users heap slice 1/4: query failed on the
 *     primary: ERROR: permission denied for table users [42501]; grant SELECT ...}
 * @param others how many other failures the run had (each is logged)
 */
record RunFailure(Throwable cause, String message, int others) {

  RunFailure {
    checkNotNull(cause, "cause");
    checkArgument(
        message != null && !message.isBlank() && message.lines().count() == 1,
        "message must be one non-blank line but was %s",
        message);
    checkArgument(others >= 0, "others must not be negative but was %s", others);
  }

  /** How specific a failure is; the first constant is the most specific. */
  enum Specificity {
    /** Our own one-line description: the object, the side, the server's words, the remedy. */
    COMPARE_EXCEPTION,
    /** A driver or server error that nothing of ours described. */
    SQL_EXCEPTION,
    /** Any other exception of the work itself, e.g. an I/O error writing a report. */
    OTHER,
    /** Only Spring Batch's own wrappers, which say that a step failed but not why. */
    SPRING_BATCH_WRAPPER;

    static Specificity of(Throwable failure) {
      Specificity best = SPRING_BATCH_WRAPPER;
      for (Throwable t = failure; t != null; t = t.getCause()) {
        Specificity here =
            t instanceof CompareException
                ? COMPARE_EXCEPTION
                : t instanceof SQLException
                    ? SQL_EXCEPTION
                    : t.getClass().getName().startsWith("org.springframework.batch.")
                        ? SPRING_BATCH_WRAPPER
                        : OTHER;
        if (here.compareTo(best) < 0) {
          best = here;
        }
      }
      return best;
    }
  }

  /**
   * The failures of a job execution: those of its step executions in the order they were created
   * (so heap slice 1 before slice 2, a partition before the manager step that gave up on it), then
   * the job's own.
   */
  static List<Throwable> failures(JobExecution execution) {
    List<StepExecution> steps = new ArrayList<>(execution.getStepExecutions());
    steps.sort(Comparator.comparingLong(StepExecution::getId));
    List<Throwable> failures = new ArrayList<>();
    steps.forEach(step -> failures.addAll(step.getFailureExceptions()));
    failures.addAll(execution.getFailureExceptions());
    return failures;
  }

  /**
   * The most specific of {@code failures}, the earliest among equally specific ones. The same
   * exception listed twice (by its step and by the job) counts once.
   */
  static RunFailure of(List<Throwable> failures) {
    checkArgument(!failures.isEmpty(), "no failures");
    Set<Throwable> distinct = Collections.newSetFromMap(new IdentityHashMap<>());
    List<Throwable> ordered = new ArrayList<>();
    for (Throwable failure : failures) {
      if (distinct.add(failure)) {
        ordered.add(failure);
      }
    }
    // a stable sort: the earliest of the most specific ones comes first
    ordered.sort(Comparator.comparing(Specificity::of));
    Throwable chosen = ordered.get(0);
    // a wrapper that only says a step failed is no failure of its own once its cause is shown
    long others =
        ordered.stream()
            .skip(1)
            .filter(f -> Specificity.of(f) != Specificity.SPRING_BATCH_WRAPPER)
            .count();
    return new RunFailure(chosen, oneLine(chosen), (int) others);
  }

  /** A failure outside the job's steps, e.g. while starting the job. */
  static RunFailure of(Throwable failure) {
    return of(List.of(failure));
  }

  /** The message, and if others failed too, how many (they are in the log). */
  String line() {
    return others == 0
        ? message
        : message
            + " (and "
            + others
            + " more failure"
            + (others == 1 ? "" : "s")
            + ", see the log)";
  }

  /**
   * The one line that says most: a CompareException's message as it is (it already has the server's
   * words, SQLSTATE and remedy); else a driver's message with its SQLSTATE; else the innermost
   * message.
   */
  static String oneLine(Throwable failure) {
    String message = null;
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof CompareException) {
        return firstLine(t.getMessage(), t);
      }
      if (t instanceof SQLException sql && sql.getMessage() != null) {
        String state = sql.getSQLState() == null ? "" : " [" + sql.getSQLState() + "]";
        return firstLine(sql.getMessage(), t) + state;
      }
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        message = t.getMessage();
      }
    }
    return message == null ? failure.getClass().getSimpleName() : firstLine(message, failure);
  }

  private static String firstLine(String text, Throwable t) {
    String line = text == null ? "" : text.strip().lines().findFirst().orElse("").strip();
    return line.isEmpty() ? t.getClass().getSimpleName() : line;
  }
}
