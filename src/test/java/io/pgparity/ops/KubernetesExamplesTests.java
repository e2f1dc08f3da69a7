package io.pgparity.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** The example files under jobs/kubernetes parse, and the CronJob keeps its two safety settings. */
class KubernetesExamplesTests {

  private static final Path FOLDER = Path.of("jobs/kubernetes");

  @Test
  void everyExampleIsOneYamlDocumentWithAKind() throws IOException {
    List<Path> files;
    try (Stream<Path> listing = Files.list(FOLDER)) {
      files = listing.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
    }
    assertThat(files)
        .extracting(f -> f.getFileName().toString())
        .contains("cronjob.yaml", "secret.yaml", "pvc.yaml", "configmap.yaml", "indexed-job.yaml");
    for (Path file : files) {
      assertThat(load(file)).as(file.toString()).containsKeys("apiVersion", "kind", "metadata");
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void theCronJobForbidsOverlapAndFailsAtOnceOnDivergentAndIncomplete() throws IOException {
    Map<String, Object> cron = load(FOLDER.resolve("cronjob.yaml"));
    Map<String, Object> spec = map(cron, "spec");
    Map<String, Object> job = map(map(spec, "jobTemplate"), "spec");
    List<Map<String, Object>> rules = list(map(job, "podFailurePolicy"), "rules");

    assertThat(cron.get("kind")).isEqualTo("CronJob");
    assertThat(spec.get("concurrencyPolicy")).isEqualTo("Forbid");
    assertThat(rules)
        .anySatisfy(
            rule -> {
              assertThat(rule.get("action")).isEqualTo("FailJob");
              Map<String, Object> codes = map(rule, "onExitCodes");
              assertThat(codes.get("operator")).isEqualTo("In");
              assertThat((List<Object>) codes.get("values")).containsExactly(1, 4);
            });
    assertThat(map(map(job, "template"), "spec").get("restartPolicy")).isEqualTo("Never");
  }

  @Test
  void theConfigMapHoldsAJobFileWithoutPasswords() throws IOException {
    Map<String, Object> data = map(load(FOLDER.resolve("configmap.yaml")), "data");
    String jobFile = (String) data.get("auth.yaml");

    assertThat(jobFile).contains("${PGPARITY_PRIMARY_PASSWORD}").doesNotContain("password=");
    assertThat(new Yaml().<Map<String, Object>>load(jobFile))
        .containsKeys("name", "primary", "replica", "tables");
  }

  @Test
  @SuppressWarnings("unchecked")
  void theIndexedJobShardsByCompletionIndexOverItsCompletionsAndTheMergeJobJoinsThem()
      throws IOException {
    Map<String, Object> spec = map(load(FOLDER.resolve("indexed-job.yaml")), "spec");
    Map<String, Object> container = list(map(map(spec, "template"), "spec"), "containers").get(0);
    List<Object> args = (List<Object>) container.get("args");

    assertThat(spec.get("completionMode")).isEqualTo("Indexed");
    assertThat(args)
        .containsSequence("--shard", "$(JOB_COMPLETION_INDEX)/" + spec.get("completions"));
    Map<String, Object> merge = map(load(FOLDER.resolve("merge-job.yaml")), "spec");
    Map<String, Object> mergeContainer =
        list(map(map(merge, "template"), "spec"), "containers").get(0);
    List<Object> mergeArgs = (List<Object>) mergeContainer.get("args");
    // the image's entrypoint is pgparity and it has no shell: args only, no command
    assertThat(container).doesNotContainKey("command");
    assertThat(mergeContainer).doesNotContainKey("command");
    assertThat(mergeArgs.get(0)).isEqualTo("merge");
    // the shards write under <dir>/$(JOB_UID); merge takes the newest folder in <dir>
    String shardsOut = (String) args.get(args.indexOf("--out") + 1);
    assertThat(shardsOut).endsWith("/$(JOB_UID)");
    assertThat(mergeArgs)
        .containsSequence("--newest-in", shardsOut.substring(0, shardsOut.lastIndexOf('/')));
  }

  private static Map<String, Object> load(Path file) throws IOException {
    try (Reader reader = Files.newBufferedReader(file)) {
      return new Yaml().load(reader);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Map<String, Object> parent, String key) {
    return (Map<String, Object>) parent.get(key);
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> list(Map<String, Object> parent, String key) {
    return (List<Map<String, Object>>) parent.get(key);
  }
}
