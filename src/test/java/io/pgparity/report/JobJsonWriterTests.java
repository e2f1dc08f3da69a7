package io.pgparity.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgparity.config.JobDefinition;
import io.pgparity.config.Settle;
import io.pgparity.config.TableSpec;
import io.pgparity.config.Tuning;
import io.pgparity.config.connection.ConnectionSpec;
import io.pgparity.table.TableRef;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class JobJsonWriterTests {

  @TempDir Path dir;

  @Test
  void recordsWhatWasComparedWithoutSecrets() throws Exception {
    JobDefinition definition =
        new JobDefinition(
            "auth",
            new ConnectionSpec(
                "jdbc:postgresql://db1:5432/app?user=checker&password=hunter2", "s3cret"),
            new ConnectionSpec("jdbc:postgresql://db2:5432/app?user=checker", "s3cret"),
            List.of(
                new TableSpec(
                    TableRef.parse("public.users"),
                    List.of("id"),
                    List.of(),
                    List.of("note"),
                    "id > 0"),
                new TableSpec(
                    TableRef.parse("public.sessions"),
                    List.of(),
                    List.of(),
                    List.of(),
                    null,
                    new Settle("updated_at", Duration.ofMinutes(5)))),
            Tuning.defaults(),
            dir,
            null);

    JobJsonWriter.write(definition, dir);

    String text = Files.readString(dir.resolve(JobJsonWriter.FILE_NAME));
    assertThat(text).doesNotContain("hunter2").doesNotContain("s3cret");
    JsonNode job = JsonMapper.builder().build().readTree(text);
    assertThat(job.get("name").stringValue()).isEqualTo("auth");
    assertThat(job.get("primary").get("url").stringValue())
        .startsWith("jdbc:postgresql://db1:5432/app?");
    assertThat(job.get("replica").get("url").stringValue())
        .isEqualTo("jdbc:postgresql://db2:5432/app?user=checker");
    assertThat(job.get("tables").get(0).get("table").stringValue()).isEqualTo("public.users");
    assertThat(job.get("tables").get(0).get("ignoreColumns").get(0).stringValue())
        .isEqualTo("note");
    assertThat(job.get("tables").get(0).get("where").stringValue()).isEqualTo("id > 0");
    assertThat(job.get("tables").get(1).get("settleColumn").stringValue()).isEqualTo("updated_at");
    assertThat(job.get("tables").get(1).get("settleWindowSeconds").asLong()).isEqualTo(300);
    assertThat(job.get("tuning").get("lagAware").asBoolean()).isTrue();
  }

  @Test
  void namesTheMaskedColumns() throws Exception {
    JobDefinition definition =
        new JobDefinition(
                "auth",
                new ConnectionSpec("jdbc:postgresql://db1:5432/app?user=checker", null),
                new ConnectionSpec("jdbc:postgresql://db2:5432/app?user=checker", null),
                List.of(
                    new TableSpec(
                        TableRef.parse("public.users"),
                        List.of(),
                        List.of(),
                        List.of(),
                        null,
                        null,
                        List.of("password_hash", "token")),
                    TableSpec.of(TableRef.parse("public.sessions"))),
                Tuning.defaults(),
                dir,
                null)
            .withMaskKeyEnv("AUTH_MASK_KEY");

    JobJsonWriter.write(definition, dir);

    JsonNode job =
        JsonMapper.builder()
            .build()
            .readTree(Files.readString(dir.resolve(JobJsonWriter.FILE_NAME)));
    assertThat(job.get("tables").get(0).get("mask").values())
        .extracting(JsonNode::stringValue)
        .containsExactly("password_hash", "token");
    assertThat(job.get("tables").get(1).get("mask").isEmpty()).isTrue();
  }
}
