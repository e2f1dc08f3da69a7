package io.pgparity.shard;

import static com.google.common.base.Preconditions.checkNotNull;
import static java.nio.charset.StandardCharsets.UTF_8;

import io.pgparity.config.ConfigException;
import io.pgparity.config.Shard;
import io.pgparity.report.JobJsonWriter;
import io.pgparity.report.RunFolder;
import io.pgparity.report.SummaryJsonWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * One finished shard run as its folder records it: its shard, its summary.json, and its job.json
 * without the shard field (which must then be the same in every shard of one check).
 */
record ShardRun(Path folder, String runId, Shard shard, ObjectNode summary, ObjectNode job) {

  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  ShardRun {
    checkNotNull(folder, "folder");
    checkNotNull(shard, "shard");
    checkNotNull(summary, "summary");
    checkNotNull(job, "job");
  }

  /** The job name from job.json. */
  String jobName() {
    return job.path("name").asString("");
  }

  /** Reads a shard's run folder; a ConfigException says why it is not one merge can use. */
  static ShardRun read(Path folder) {
    if (!Files.isDirectory(folder)) {
      throw new ConfigException("merge: run folder " + folder + " does not exist; give the folders the shard runs"
          + " printed" + MergeOptions.USE);
    }
    String runId = folder.toAbsolutePath().normalize().getFileName().toString();
    if (!RunFolder.RUN_ID.matcher(runId).matches()) {
      throw new ConfigException("merge: " + folder + " is not a run folder (its name is not a run id like"
          + " 20261125T120000Z-1a2b)" + MergeOptions.USE);
    }
    ObjectNode job = object(folder.resolve(JobJsonWriter.FILE_NAME));
    JsonNode shardNode = job.remove(JobJsonWriter.SHARD_FIELD);
    if (shardNode == null || !shardNode.isObject()) {
      throw new ConfigException("merge: " + folder + " is not a shard run (its job.json has no shard); merge joins the"
          + " run folders of verify --shard 0/n ... --shard n-1/n");
    }
    Shard shard = Shard.parse(shardNode.path("index").asString("") + "/" + shardNode.path("count").asString(""))
        .orElseThrow(() -> damaged(folder.resolve(JobJsonWriter.FILE_NAME), "its shard is " + shardNode));
    Path summaryFile = folder.resolve(SummaryJsonWriter.FILE_NAME);
    if (!Files.isRegularFile(summaryFile)) {
      throw new ConfigException("merge: " + folder + " has no summary.json: shard " + shard.label() + " has not"
          + " finished (or was killed); wait for it, or run that shard again");
    }
    ObjectNode summary = object(summaryFile);
    JsonNode recorded = summary.get("shard");
    if (recorded == null || recorded.path("index").asInt(-1) != shard.index()
        || recorded.path("count").asInt(-1) != shard.count()) {
      throw damaged(summaryFile, "its shard does not match job.json's " + shard.label());
    }
    return new ShardRun(folder, runId, shard, summary, job);
  }

  private static ObjectNode object(Path file) {
    if (!Files.isRegularFile(file)) {
      throw damaged(file, "it is missing");
    }
    try {
      JsonNode node = MAPPER.readTree(Files.readString(file, UTF_8));
      if (node instanceof ObjectNode object) {
        return object;
      }
      throw damaged(file, "it does not hold a JSON object");
    } catch (IOException | JacksonException e) {
      throw damaged(file, e.getMessage());
    }
  }

  static ConfigException damaged(Path file, String why) {
    return new ConfigException("merge: " + file + " cannot be used (" + why + "); the shard's run folder is damaged:"
        + " run that shard again");
  }
}
