package io.pgparity.report;

import static com.google.common.base.Preconditions.checkNotNull;
import static java.nio.charset.StandardCharsets.UTF_8;

import io.pgparity.config.connection.ConnectionSpec;
import io.pgparity.config.JobDefinition;
import io.pgparity.config.connection.PasswordResolver;
import io.pgparity.config.TableSpec;
import io.pgparity.files.AtomicFile;
import java.nio.file.Path;
import tools.jackson.core.util.DefaultIndenter;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes job.json into a run folder at its start: what was compared and how, without secrets
 * (passwords are never in a definition; a password in a URL is redacted), so the folder says on
 * its own which servers and tables it is about, and later commands can find them again.
 */
public final class JobJsonWriter {

  /** The file name inside a run folder. */
  public static final String FILE_NAME = "job.json";

  /** The field of a sharded run's job.json that says which shard it compared. */
  public static final String SHARD_FIELD = "shard";

  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  private JobJsonWriter() {}

  /** Writes the definition to {@code runFolder}/job.json atomically. */
  public static void write(JobDefinition definition, Path runFolder) {
    checkNotNull(definition, "definition");
    write(toJson(definition), runFolder);
  }

  /** Writes a job.json read from another run folder (pgparity merge), in the same layout. */
  public static void write(ObjectNode job, Path runFolder) {
    checkNotNull(job, "job");
    String text = MAPPER.writer().with(new DefaultPrettyPrinter().withObjectIndenter(
        new DefaultIndenter("  ", "\n"))).writeValueAsString(job) + "\n";
    AtomicFile.write(runFolder.resolve(FILE_NAME), text.getBytes(UTF_8));
  }

  static ObjectNode toJson(JobDefinition definition) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("name", definition.name());
    root.set("primary", connection(definition.primary()));
    root.set("replica", connection(definition.replica()));
    ArrayNode tables = root.putArray("tables");
    for (TableSpec spec : definition.tables()) {
      ObjectNode table = tables.addObject();
      table.put("table", spec.table().toString());
      spec.key().forEach(table.putArray("key")::add);
      spec.columns().forEach(table.putArray("columns")::add);
      spec.ignoreColumns().forEach(table.putArray("ignoreColumns")::add);
      table.put("where", spec.where());
      if (spec.settle() != null) {
        table.put("settleColumn", spec.settle().column());
        table.put("settleWindowSeconds", spec.settle().window().toSeconds());
      }
      // the names only: which columns' values appear as fingerprints in this folder
      spec.mask().forEach(table.putArray("mask")::add);
    }
    ObjectNode tuning = root.putObject("tuning");
    tuning.put("threads", definition.tuning().threads());
    tuning.put("chunkRows", definition.tuning().chunkRows());
    tuning.put("maxDivergences", definition.tuning().maxDivergences());
    tuning.put("lagAware", definition.tuning().live().lagAware());
    tuning.put("rechecks", definition.tuning().live().rechecks());
    if (definition.shard() != null) {
      // the only field in which the job.json files of one sharded check differ (pgparity merge)
      root.putObject(SHARD_FIELD).put("index", definition.shard().index()).put("count", definition.shard().count());
    }
    return root;
  }

  private static ObjectNode connection(ConnectionSpec spec) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("url", PasswordResolver.redact(spec.url()));
    return node;
  }
}
