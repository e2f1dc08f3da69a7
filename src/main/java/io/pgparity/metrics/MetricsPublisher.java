package io.pgparity.metrics;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.pgparity.config.JobDefinition;
import io.pgparity.config.MetricsTargets;
import io.pgparity.config.Shard;
import io.pgparity.files.AtomicFile;
import io.pgparity.report.RunResult;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a finished run's metrics where the job says: a .prom file replaced atomically, and a PUT to
 * a Pushgateway. Monitoring must never change a verdict, so every failure here is a WARN line.
 */
public final class MetricsPublisher {

  /** The Pushgateway's job label; the pgparity job becomes its instance. */
  public static final String PUSH_JOB = "pgparity";

  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);
  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private static final Logger log = LoggerFactory.getLogger(MetricsPublisher.class);

  private MetricsPublisher() {}

  /** Publishes the metrics of a run that has a result (summary.json written). */
  public static void afterRun(JobDefinition definition, RunResult result) {
    if (!definition.metrics().any()) {
      return;
    }
    Instant lastSuccess =
        RunMetrics.success(result.status())
            ? result.finishedAt()
            : LastSuccess.find(definition.out().resolve(definition.name())).orElse(null);
    publish(
        definition.metrics(),
        definition.name(),
        definition.shard(),
        RunMetrics.of(result, lastSuccess));
  }

  /** Publishes a FAILED status for a run that stopped before it had a run folder. */
  public static void afterFailure(JobDefinition definition, Instant startedAt) {
    if (!definition.metrics().any()) {
      return;
    }
    Instant lastSuccess =
        LastSuccess.find(definition.out().resolve(definition.name())).orElse(null);
    publish(
        definition.metrics(),
        definition.name(),
        definition.shard(),
        RunMetrics.failedBeforeStart(definition.name(), startedAt, Instant.now(), lastSuccess));
  }

  /** Writes and pushes {@code metrics} of an unsharded run to {@code targets}. */
  public static void publish(MetricsTargets targets, String jobName, RunMetrics metrics) {
    publish(targets, jobName, null, metrics);
  }

  /**
   * Writes and pushes {@code metrics} to {@code targets}; failures are logged, never thrown. A
   * shard ({@code shard} not null) pushes to a group of its own, so shards do not replace each
   * other's metrics.
   */
  public static void publish(
      MetricsTargets targets, String jobName, Shard shard, RunMetrics metrics) {
    String text = metrics.text();
    if (targets.file() != null) {
      try {
        writeFile(targets.file(), text);
        log.info("Wrote metrics to {}", targets.file());
      } catch (RuntimeException e) {
        log.warn(
            "Could not write metrics to {}: {}; the verdict stands",
            targets.file(),
            e.getMessage());
      }
    }
    if (targets.pushgateway() != null) {
      URI uri = pushUri(targets.pushgateway(), jobName, shard);
      try {
        int status = push(uri, text);
        if (status / 100 == 2) {
          log.info("Pushed metrics to {} (HTTP {})", uri, status);
        } else {
          log.warn(
              "Pushgateway {} answered HTTP {}; metrics not pushed, the verdict stands",
              uri,
              status);
        }
      } catch (IOException e) {
        log.warn("Could not push metrics to {}: {}; the verdict stands", uri, e.toString());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        log.warn("Pushing metrics to {} was interrupted; the verdict stands", uri);
      }
    }
  }

  /**
   * Replaces {@code file} in one step: node_exporter reads the old metrics or the new, never half.
   */
  static void writeFile(Path file, String text) {
    AtomicFile.write(file, text.getBytes(UTF_8));
  }

  /**
   * {@code <base>/metrics/job/pgparity/instance/<job name>}, plus {@code /shard/<i>-of-<n>} for a
   * shard (the Pushgateway adds the group's labels to every series); names need no escaping.
   */
  static URI pushUri(URI base, String jobName, Shard shard) {
    String text = base.toString().replaceAll("/+$", "");
    String group =
        "/metrics/job/"
            + PUSH_JOB
            + "/instance/"
            + jobName
            + (shard == null ? "" : "/shard/" + shard.index() + "-of-" + shard.count());
    return URI.create(text + group);
  }

  /** PUTs the text, replacing the group's previous metrics; returns the HTTP status. */
  static int push(URI uri, String text) throws IOException, InterruptedException {
    HttpClient client = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .timeout(REQUEST_TIMEOUT)
            .header("Content-Type", CONTENT_TYPE)
            .PUT(HttpRequest.BodyPublishers.ofString(text, UTF_8))
            .build();
    return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
  }
}
