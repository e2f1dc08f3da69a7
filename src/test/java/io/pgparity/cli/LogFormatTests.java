package io.pgparity.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgparity.config.ConfigException;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LogFormatTests {

  @AfterEach
  void reset() {
    System.clearProperty(LogFormat.PROPERTY);
  }

  @Test
  void theOptionAnywhereWinsOverTheEnvironmentAndIsTakenOut() {
    assertThat(LogFormat.select(new String[] {"verify", "--log-format", "json", "--job", "a.yaml"},
        Map.of(LogFormat.ENV, "text")))
        .containsExactly("verify", "--job", "a.yaml");
    assertThat(System.getProperty(LogFormat.PROPERTY)).isEqualTo("json");

    assertThat(LogFormat.select(new String[] {"--log-format=TEXT", "demo"}, Map.of(LogFormat.ENV, "json")))
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
    assertThatThrownBy(() -> LogFormat.select(new String[] {"verify", "--log-format", "xml"}, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessage("--log-format must be text or json but was 'xml'; e.g. --log-format json");
    assertThatThrownBy(() -> LogFormat.select(new String[] {"verify"}, Map.of(LogFormat.ENV, "yaml")))
        .hasMessage("PGPARITY_LOG_FORMAT must be text or json but was 'yaml'; e.g. --log-format json");
    assertThatThrownBy(() -> LogFormat.select(new String[] {"verify", "--log-format"}, Map.of()))
        .hasMessage("--log-format needs a value, e.g. --log-format json");
  }
}
