package io.pgparity.config.connection;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConnectionSpecTests {

  @Test
  void aPasswordInTheUrlMovesToThePasswordProperty() {
    assertThat(
            new ConnectionSpec(
                    "jdbc:postgresql://db1/app?user=checker&password=s%3Acret&ssl=true", null)
                .withPasswordOutOfUrl())
        .isEqualTo(new ConnectionSpec("jdbc:postgresql://db1/app?user=checker&ssl=true", "s:cret"));
    assertThat(
            new ConnectionSpec("jdbc:postgresql://db1/app?PASSWORD=x", null).withPasswordOutOfUrl())
        .isEqualTo(new ConnectionSpec("jdbc:postgresql://db1/app", "x"));
  }

  @Test
  void aUrlWithoutPasswordStaysAsItIs() {
    ConnectionSpec spec = new ConnectionSpec("jdbc:postgresql://db1/app?user=checker", "s3cret");

    assertThat(spec.withPasswordOutOfUrl()).isSameAs(spec);
    assertThat(spec.toString()).doesNotContain("s3cret");
  }
}
