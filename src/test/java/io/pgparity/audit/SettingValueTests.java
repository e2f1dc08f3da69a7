package io.pgparity.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SettingValueTests {

  @Test
  void booleansMatchInEverySpelling() {
    SettingValue on = new SettingValue("on", "", "on");

    assertThat(on.matches("on")).isTrue();
    assertThat(on.matches("TRUE")).isTrue();
    assertThat(on.matches("yes")).isTrue();
    assertThat(on.matches("off")).isFalse();
    assertThat(new SettingValue("off", "", "off").matches("false")).isTrue();
  }

  @Test
  void timeSettingsMatchTheirRawValueUnitDisplayFormOrADuration() {
    SettingValue timeout = new SettingValue("60000", "ms", "1min");

    assertThat(timeout.matches("60000")).isTrue();
    assertThat(timeout.matches("60000ms")).isTrue();
    assertThat(timeout.matches("1min")).isTrue();
    assertThat(timeout.matches("60s")).isTrue();
    assertThat(timeout.matches("1m")).isTrue();
    assertThat(timeout.matches("30s")).isFalse();
    assertThat(new SettingValue("-1", "ms", "-1").matches("-1")).isTrue();
  }

  @Test
  void enumSettingsCompareIgnoringCase() {
    SettingValue commit = new SettingValue("remote_apply", "", "remote_apply");

    assertThat(commit.matches("REMOTE_APPLY")).isTrue();
    assertThat(commit.matches("on")).isFalse();
  }
}
