package io.pgparity.metrics;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.sun.net.httpserver.HttpServer;
import io.pgparity.config.MetricsTargets;
import io.pgparity.config.Shard;
import io.pgparity.verdict.Status;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsPublisherTests {

  /** One request as the fake Pushgateway saw it. */
  record Request(String method, String path, String contentType, String body) {}

  @TempDir Path dir;

  private HttpServer server;
  private final List<Request> requests = new CopyOnWriteArrayList<>();

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  private URI gateway(int status) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          requests.add(
              new Request(
                  exchange.getRequestMethod(),
                  exchange.getRequestURI().getPath(),
                  exchange.getRequestHeaders().getFirst("Content-Type"),
                  new String(exchange.getRequestBody().readAllBytes(), UTF_8)));
          exchange.sendResponseHeaders(status, -1);
          exchange.close();
        });
    server.start();
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
  }

  private static RunMetrics metrics() {
    return RunMetrics.of(MetricsFixtures.run(Status.DIVERGENT), MetricsFixtures.FINISHED);
  }

  @Test
  void replacesTheFileWholeAndLeavesNoTemporaryFile() throws IOException {
    Path file = dir.resolve("pgparity-auth.prom");
    Files.writeString(file, "old_metric 1\n");

    MetricsPublisher.publish(new MetricsTargets(file, null), "auth", metrics());

    assertThat(Files.readString(file)).isEqualTo(metrics().text()).contains("pgparity_status{");
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("pgparity-auth.prom");
    }
  }

  @Test
  void aFileThatCannotBeWrittenIsNotAnError() {
    Path file = dir.resolve("missing-folder").resolve("pgparity-auth.prom");

    assertThatCode(
            () -> MetricsPublisher.publish(new MetricsTargets(file, null), "auth", metrics()))
        .doesNotThrowAnyException();
    assertThat(file).doesNotExist();
  }

  @Test
  void putsTheTextToTheJobsGroup() throws IOException {
    URI base = gateway(200);

    MetricsPublisher.publish(new MetricsTargets(null, base), "auth", metrics());

    assertThat(requests).hasSize(1);
    Request request = requests.get(0);
    assertThat(request.method()).isEqualTo("PUT");
    assertThat(request.path()).isEqualTo("/metrics/job/pgparity/instance/auth");
    assertThat(request.contentType()).isEqualTo(MetricsPublisher.CONTENT_TYPE);
    assertThat(request.body())
        .isEqualTo(metrics().text())
        .contains(
            "pgparity_divergent_rows{kind=\"missing\",pgparity_job=\"auth\",table=\"public.users\"} 5.0");
  }

  @Test
  void writesTheFileAndPushesWhenBothAreGiven() throws IOException {
    Path file = dir.resolve("auth.prom");

    MetricsPublisher.publish(new MetricsTargets(file, gateway(202)), "auth", metrics());

    assertThat(file).hasContent(metrics().text().stripTrailing());
    assertThat(requests)
        .extracting(Request::path)
        .containsExactly("/metrics/job/pgparity/instance/auth");
  }

  @Test
  void aRefusedOrFailedPushIsNotAnError() throws IOException {
    URI failing = gateway(500);
    assertThatCode(
            () -> MetricsPublisher.publish(new MetricsTargets(null, failing), "auth", metrics()))
        .doesNotThrowAnyException();
    assertThat(requests).hasSize(1);

    server.stop(0);
    server = null;
    // nothing listens there any more: the connection is refused
    assertThatCode(
            () -> MetricsPublisher.publish(new MetricsTargets(null, failing), "auth", metrics()))
        .doesNotThrowAnyException();
  }

  @Test
  void theGroupPathKeepsABasePath() {
    assertThat(MetricsPublisher.pushUri(URI.create("https://gw.example.com/prom/"), "auth", null))
        .hasToString("https://gw.example.com/prom/metrics/job/pgparity/instance/auth");
  }

  @Test
  void eachShardPushesToAGroupOfItsOwn() throws Exception {
    URI base = gateway(202);
    MetricsPublisher.publish(new MetricsTargets(null, base), "auth", new Shard(1, 3), metrics());
    MetricsPublisher.publish(new MetricsTargets(null, base), "auth", new Shard(2, 3), metrics());

    assertThat(requests)
        .extracting(Request::path)
        .containsExactly(
            "/metrics/job/pgparity/instance/auth/shard/1-of-3",
            "/metrics/job/pgparity/instance/auth/shard/2-of-3");
  }
}
