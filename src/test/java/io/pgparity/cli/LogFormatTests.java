package io.pgparity.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import io.pgparity.config.ConfigException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

class LogFormatTests {

  @AfterEach
  void reset() {
    System.clearProperty(LogFormat.PROPERTY);
  }

  @Test
  void theOptionAnywhereWinsOverTheEnvironmentAndIsTakenOut() {
    assertThat(
            LogFormat.select(
                new String[] {"verify", "--log-format", "json", "--job", "a.yaml"},
                Map.of(LogFormat.ENV, "text")))
        .containsExactly("verify", "--job", "a.yaml");
    assertThat(System.getProperty(LogFormat.PROPERTY)).isEqualTo("json");

    assertThat(
            LogFormat.select(
                new String[] {"--log-format=TEXT", "demo"}, Map.of(LogFormat.ENV, "json")))
        .containsExactly("demo");
    assertThat(System.getProperty(LogFormat.PROPERTY)).isEqualTo("text");
  }

  @Test
  void theEnvironmentOrTextByDefault() {
    LogFormat.select(new String[] {"verify"}, Map.of(LogFormat.ENV, "Json"));
    assertThat(System.getProperty(LogFormat.PROPERTY)).isEqualTo("json");

    LogFormat.select(new String[] {"verify"}, Map.of());
    assertThat(System.getProperty(LogFormat.PROPERTY)).isEqualTo("text");
  }

  @Test
  void namesTheWrongValueAndTheAllowedOnes() {
    assertThatThrownBy(
            () -> LogFormat.select(new String[] {"verify", "--log-format", "xml"}, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessage("--log-format must be text or json but was 'xml'; e.g. --log-format json");
    assertThatThrownBy(
            () -> LogFormat.select(new String[] {"verify"}, Map.of(LogFormat.ENV, "yaml")))
        .hasMessage(
            "PGPARITY_LOG_FORMAT must be text or json but was 'yaml'; e.g. --log-format json");
    assertThatThrownBy(() -> LogFormat.select(new String[] {"verify", "--log-format"}, Map.of()))
        .hasMessage("--log-format needs a value, e.g. --log-format json");
  }

  @Test
  void theJsonEncoderWorksWithoutASpringEnvironment() {
    LoggerContext context =
        new LoggerContext(); // a fresh one: no Spring logging system has put its Environment in
    LogFormat.JsonEncoder encoder = new LogFormat.JsonEncoder();
    encoder.setContext(context);
    encoder.setFormat("logstash");
    encoder.start();
    LoggingEvent event =
        new LoggingEvent(
            LogFormatTests.class.getName(),
            context.getLogger("io.pgparity.job.Example"),
            Level.INFO,
            "Compared {}",
            null,
            new Object[] {"public.users"});
    event.setThreadName("compare-1");
    event.setInstant(Instant.parse("2026-11-26T04:48:16.123Z"));
    event.setMDCPropertyMap(Map.of("runId", "20261126T044816Z-cb90"));

    String line = new String(encoder.encode(event), StandardCharsets.UTF_8);
    encoder.stop();

    assertThat(line).endsWith("\n").containsOnlyOnce("\n");
    JsonNode json = new ObjectMapper().readTree(line);
    // ISO-8601 with the offset of the JVM's time zone (Z in UTC), no longer epoch milliseconds
    assertThat(OffsetDateTime.parse(json.path("@timestamp").asString()).toInstant())
        .isEqualTo(Instant.parse("2026-11-26T04:48:16.123Z"));
    assertThat(json.path("level").asString()).isEqualTo("INFO");
    assertThat(json.path("logger_name").asString()).isEqualTo("io.pgparity.job.Example");
    assertThat(json.path("thread_name").asString()).isEqualTo("compare-1");
    assertThat(json.path("message").asString()).isEqualTo("Compared public.users");
    assertThat(json.path("runId").asString()).isEqualTo("20261126T044816Z-cb90");
  }
}
