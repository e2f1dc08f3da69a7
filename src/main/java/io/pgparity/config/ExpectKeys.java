package io.pgparity.config;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Reads a job file's {@code expect:} map (setting name to the value both servers should have), used
 * by {@code pgparity audit}. Strict like every other key: a misspelt setting name would make the
 * audit silently check nothing.
 */
public final class ExpectKeys {

  /** The server settings pgparity audit reads from pg_settings on both sides, and may expect. */
  public static final List<String> SETTINGS =
      List.of(
          "synchronous_commit",
          "synchronous_standby_names",
          "wal_level",
          "hot_standby",
          "hot_standby_feedback",
          "max_standby_streaming_delay",
          "max_standby_archive_delay",
          "wal_sender_timeout",
          "wal_receiver_timeout",
          "recovery_min_apply_delay",
          "default_transaction_isolation",
          "fsync",
          "full_page_writes",
          "data_checksums",
          "max_connections",
          "max_worker_processes",
          "max_wal_senders",
          "max_prepared_transactions",
          "max_locks_per_transaction");

  private static final String EXAMPLE =
      "expect: {synchronous_commit: remote_apply, hot_standby_feedback: 'on'}";

  private ExpectKeys() {}

  /** The expectations of {@code file} in file order; empty when it has no expect key. */
  public static Map<String, String> load(Path file, Map<String, String> env) {
    Node root = YamlFile.compose(file);
    return read(YamlSection.of(file.toString(), "the job", root, env, JobFileLoader.JOB_KEYS));
  }

  /** The job's expect map, checked: known setting names, each once, scalar values. */
  static Map<String, String> read(YamlSection job) {
    Map<String, String> expected = new LinkedHashMap<>();
    Node node = job.value("expect").orElse(null);
    if (node == null) {
      return expected;
    }
    if (!(node instanceof MappingNode mapping)) {
      throw job.error(
          node,
          "expect must be a map of setting: value, e.g. "
              + EXAMPLE
              + ", but was "
              + YamlSection.shape(node));
    }
    for (NodeTuple tuple : mapping.getValue()) {
      Node keyNode = tuple.getKeyNode();
      String name = keyNode instanceof ScalarNode scalar ? scalar.getValue() : "";
      if (!SETTINGS.contains(name)) {
        throw job.error(
            keyNode,
            "unknown setting '"
                + YamlSection.abbreviate(name)
                + "' in expect"
                + Spelling.hint(name, SETTINGS)
                + "; the audit reads: "
                + String.join(", ", SETTINGS));
      }
      String value =
          job.scalar(
              tuple.getValueNode(),
              name,
              "expect." + name + " must be a single value, e.g. " + EXAMPLE);
      if (expected.putIfAbsent(name, value.trim()) != null) {
        throw job.error(keyNode, "setting '" + name + "' is given twice in expect; keep one");
      }
    }
    return expected;
  }
}
