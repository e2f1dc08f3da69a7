package io.pgparity.repair;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.pgparity.config.ConfigException;
import io.pgparity.report.JobJsonWriter;
import io.pgparity.report.RunFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a run folder's job.json says about the run, for {@code pgparity repair}: the job name, the
 * two URLs (a redacted {@code password=***} parameter removed, as it is no password) and the
 * tables as written there ({@code schema.table}, unquoted), plus the run id from the folder name.
 */
public record RunJob(Path folder, String name, String runId, String primaryUrl, String replicaUrl, List<String> tables) {

  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  public RunJob {
    tables = List.copyOf(tables);
  }

  /** Reads the run folder; a ConfigException says why it is not one repair can use. */
  public static RunJob read(Path folder) {
    String example = "; give the folder verify printed, e.g. reports/adhoc/20261125T120000Z-1a2b";
    if (!Files.isDirectory(folder)) {
      throw new ConfigException("repair: run folder " + folder + " does not exist" + example);
    }
    String runId = folder.toAbsolutePath().normalize().getFileName().toString();
    if (!RunFolder.RUN_ID.matcher(runId).matches()) {
      throw new ConfigException("repair: " + folder + " is not a run folder (its name is not a run id like"
          + " 20261125T120000Z-1a2b)" + example);
    }
    Path jobJson = folder.resolve(JobJsonWriter.FILE_NAME);
    if (!Files.isRegularFile(jobJson)) {
      throw new ConfigException("repair: " + folder + " has no " + JobJsonWriter.FILE_NAME
          + " (made by an older pgparity?); verify again to get a run folder repair can use");
    }
    if (!Files.isRegularFile(folder.resolve("summary.json"))) {
      throw new ConfigException("repair: " + folder + " has no summary.json: the run has not finished (or was"
          + " killed); wait for it, or verify again");
    }
    try {
      JsonNode root = MAPPER.readTree(Files.readString(jobJson, UTF_8));
      List<String> tables = new ArrayList<>();
      root.get("tables").values().forEach(t -> tables.add(t.get("table").stringValue()));
      return new RunJob(folder, root.get("name").stringValue(), runId, url(root, "primary"), url(root, "replica"), tables);
    } catch (IOException | JacksonException | NullPointerException e) {
      throw new ConfigException("repair: " + jobJson + " cannot be read (" + e.getMessage()
          + "); the run folder is damaged: verify again");
    }
  }

  private static String url(JsonNode root, String side) {
    String url = root.get(side).get("url").stringValue();
    // job.json redacts a password given in the URL: the placeholder must not be sent as one
    return url.replaceAll("([?&])password=\\*\\*\\*(&|$)", "$1").replaceAll("[?&]$", "");
  }
}
