package io.pgparity.config;

import io.pgparity.table.TableRef;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the masking keys of a job file: a table entry's {@code mask} and the job's {@code
 * mask-key-env}. Messages never repeat a key's value, so a key pasted into the file by mistake is
 * not printed.
 */
final class MaskKeys {

  private static final String KEY_ENV_FORM =
      "the name of an environment variable, e.g. mask-key-env: "
          + JobDefinition.DEFAULT_MASK_KEY_ENV;

  private MaskKeys() {}

  /**
   * The entry's masked columns; a key column named in {@code key} is refused here, others by the
   * planner.
   */
  static List<String> columns(YamlSection entry, TableRef table, List<String> key) {
    List<String> mask = entry.names("mask");
    for (String column : mask) {
      if (key.contains(column)) {
        throw entry.error(
            "mask",
            table
                + ": mask names key column "
                + column
                + "; keys identify rows in every report and cannot be masked: remove "
                + column
                + " from mask, or name other key columns in key");
      }
    }
    return mask;
  }

  /**
   * The job's mask-key-env (null when absent), checked against {@code env}: a named variable must
   * hold a usable key; without a name, {@value JobDefinition#DEFAULT_MASK_KEY_ENV} must too if it
   * is set and some table masks columns.
   */
  static String keyEnv(YamlSection job, Map<String, String> env, boolean masks) {
    Optional<String> name = job.string("mask-key-env", KEY_ENV_FORM);
    if (name.isPresent() && !name.get().matches(JobDefinition.ENV_NAME_PATTERN)) {
      throw job.error(
          job.value("mask-key-env").get(),
          "mask-key-env must be " + KEY_ENV_FORM + " (letters, digits and _), not the key itself");
    }
    if (name.isPresent() || masks) {
      try {
        MaskKey.check(name.orElse(null), env);
      } catch (IllegalArgumentException e) {
        throw name.isPresent()
            ? job.error(job.value("mask-key-env").get(), e.getMessage())
            : job.error(e.getMessage());
      }
    }
    return name.orElse(null);
  }
}
