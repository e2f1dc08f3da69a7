package io.pgparity.config;

import io.pgparity.config.connection.PasswordResolver;
import io.pgparity.config.units.DurationText;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * One mapping of a job file, read strictly: only known keys, each once, values of the right shape.
 * Every error is a ConfigException starting with {@code file:line:}. An empty value (YAML null, or
 * an empty string after {@code ${VAR}} expansion) counts as not given.
 */
final class YamlSection {

  private static final Pattern INTEGER = Pattern.compile("\\d[\\d_]*");

  private final String file;
  private final String label;
  private final Node node;
  private final Map<String, String> env;
  private final Map<String, NodeTuple> entries = new LinkedHashMap<>();

  private YamlSection(String file, String label, Node node, Map<String, String> env) {
    this.file = file;
    this.label = label;
    this.node = node;
    this.env = env;
  }

  /**
   * Checks that {@code node} is a mapping whose keys are all in {@code validKeys}, once each.
   * {@code label} says where the mapping is, for messages: "the job", "primary", ...
   */
  static YamlSection of(
      String file, String label, Node node, Map<String, String> env, List<String> validKeys) {
    YamlSection section = new YamlSection(file, label, node, env);
    if (!(node instanceof MappingNode mapping)) {
      String keys = String.join(", ", validKeys);
      throw section.error(
          node,
          String.format("%s must be a map of keys (%s) but was %s", label, keys, shape(node)));
    }
    for (NodeTuple tuple : mapping.getValue()) {
      Node keyNode = tuple.getKeyNode();
      if (!(keyNode instanceof ScalarNode scalar)) {
        throw section.error(
            keyNode, "keys in " + label + " must be plain names but one was " + shape(keyNode));
      }
      String key = scalar.getValue();
      if (!validKeys.contains(key)) {
        throw section.error(
            keyNode,
            String.format(
                "unknown key '%s' in %s%s; valid keys: %s",
                key, label, Spelling.hint(key, validKeys), String.join(", ", validKeys)));
      }
      NodeTuple first = section.entries.putIfAbsent(key, tuple);
      if (first != null) {
        throw section.error(
            keyNode,
            String.format(
                "duplicate key '%s' in %s (first given on line %d); keep one of them",
                key, label, line(first.getKeyNode())));
      }
    }
    return section;
  }

  /** A ConfigException {@code file:line: message} for the line where {@code at} starts. */
  ConfigException error(Node at, String message) {
    return new ConfigException(file + ":" + line(at) + ": " + message);
  }

  /** A ConfigException for the line of {@code key}, or of this mapping when the key is absent. */
  ConfigException error(String key, String message) {
    NodeTuple tuple = entries.get(key);
    return error(tuple == null ? node : tuple.getKeyNode(), message);
  }

  /** A ConfigException pointing at this mapping's first line. */
  ConfigException error(String message) {
    return error(node, message);
  }

  /** The 1-based line on which {@code node} starts. */
  static int line(Node node) {
    return node.getStartMark().getLine() + 1;
  }

  /** The value node of {@code key}, empty when the key is absent or its value is YAML null. */
  Optional<Node> value(String key) {
    NodeTuple tuple = entries.get(key);
    if (tuple == null || tuple.getValueNode().getTag().equals(Tag.NULL)) {
      return Optional.empty();
    }
    return Optional.of(tuple.getValueNode());
  }

  /** A scalar value after ${VAR} expansion; {@code what} describes the expected value. */
  Optional<String> string(String key, String what) {
    Optional<Node> value = value(key);
    if (value.isEmpty()) {
      return Optional.empty();
    }
    String text = scalar(value.get(), key, key + " must be " + what);
    return text.isEmpty() ? Optional.empty() : Optional.of(text);
  }

  /** Like {@link #string} but absent or empty is an error that shows how to add the key. */
  String requiredString(String key, String what, String example) {
    return string(key, what).orElseThrow(() -> missing(key, example));
  }

  /** The error for a required key that is absent or has no value. */
  ConfigException missing(String key, String example) {
    String format =
        entries.containsKey(key)
            ? "required key '%1$s' in %2$s has no value; write e.g. %1$s: %3$s"
            : "missing required key '%1$s' in %2$s; add e.g. %1$s: %3$s";
    return error(key, String.format(format, key, label, example));
  }

  /** A whole number in [min, max]; {@code range} words the range for the message. */
  Optional<Integer> integer(String key, long min, long max, String range) {
    return integer(key, min, max, range, "");
  }

  /**
   * A whole number in [min, max], or the word {@code word} (empty when the key is absent or is the
   * word); the message of a wrong value names both.
   */
  Optional<Integer> integerOrWord(String key, long min, long max, String range, String word) {
    Optional<String> text = string(key, word + " or an integer " + range);
    if (text.isPresent() && text.get().trim().equals(word)) {
      return Optional.empty();
    }
    return integer(key, min, max, range, word + " or ");
  }

  private Optional<Integer> integer(String key, long min, long max, String range, String or) {
    String what = or + "an integer " + range;
    Optional<String> text = string(key, what);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    String digits = text.get().trim();
    if (INTEGER.matcher(digits).matches() && digits.replace("_", "").length() <= 10) {
      long number = Long.parseLong(digits.replace("_", ""));
      if (number >= min && number <= max) {
        return Optional.of((int) number);
      }
    }
    throw error(
        value(key).get(), key + " must be " + what + " but was '" + abbreviate(text.get()) + "'");
  }

  /** A duration such as 30s or 10m. */
  Optional<Duration> duration(String key) {
    Optional<String> text = string(key, DurationText.FORMS);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    String message =
        key + " must be " + DurationText.FORMS + " but was '" + abbreviate(text.get()) + "'";
    Duration duration =
        DurationText.parse(text.get()).orElseThrow(() -> error(value(key).get(), message));
    if (duration.toMillis() > DurationText.MAX.toMillis()) {
      throw error(
          value(key).get(),
          String.format(
              "%s must be at most %dh (PostgreSQL's limit) but was '%s'; use 0 for no limit",
              key, DurationText.MAX.toHours(), abbreviate(text.get())));
    }
    return Optional.of(duration);
  }

  /** A list of column names; a single name is accepted as a one-element list. */
  List<String> names(String key) {
    Optional<Node> value = value(key);
    if (value.isEmpty()) {
      return List.of();
    }
    String what = key + " must be a list of column names, e.g. " + key + ": [id]";
    List<Node> items =
        value.get() instanceof SequenceNode sequence ? sequence.getValue() : List.of(value.get());
    List<String> names = new ArrayList<>();
    for (Node item : items) {
      String name = scalar(item, key, what);
      if (name.isBlank()) {
        throw error(item, what + " but one is empty");
      }
      if (names.contains(name)) {
        throw error(item, key + " lists column '" + name + "' twice; remove one");
      }
      names.add(name);
    }
    return names;
  }

  /** The text of a scalar node after ${VAR} expansion; other shapes fail with {@code what}. */
  String scalar(Node item, String key, String what) {
    if (!(item instanceof ScalarNode scalar)) {
      throw error(item, what + " but was " + shape(item));
    }
    if (scalar.getTag().equals(Tag.NULL)) {
      return "";
    }
    try {
      return EnvReferences.expand(scalar.getValue(), env, key);
    } catch (IllegalArgumentException e) {
      throw error(item, e.getMessage());
    }
  }

  /** How a node looks, for "but was ..." in messages. */
  static String shape(Node node) {
    if (node instanceof MappingNode) {
      return "a map";
    }
    if (node instanceof SequenceNode) {
      return "a list";
    }
    return "'" + abbreviate(((ScalarNode) node).getValue()) + "'";
  }

  /** One line, at most 60 characters, with any URL password masked. */
  static String abbreviate(String text) {
    String oneLine = PasswordResolver.redact(text).replaceAll("\\s+", " ");
    return oneLine.length() <= 60 ? oneLine : oneLine.substring(0, 57) + "...";
  }
}
