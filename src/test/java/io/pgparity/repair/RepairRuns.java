package io.pgparity.repair;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgparity.cli.RepairCommand;
import io.pgparity.compare.Divergence;
import io.pgparity.config.JobDefinition;
import io.pgparity.config.LiveTuning;
import io.pgparity.config.TableSpec;
import io.pgparity.config.Tuning;
import io.pgparity.config.connection.ConnectionSpec;
import io.pgparity.config.connection.PasswordResolver;
import io.pgparity.job.RunOutcome;
import io.pgparity.job.SpringVerifyLauncher;
import io.pgparity.report.DivergenceWriter;
import io.pgparity.report.JobJsonWriter;
import io.pgparity.report.RunFolder;
import io.pgparity.report.SummaryJsonWriter;
import io.pgparity.table.TableRef;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The round trip the repair tests drive: a real verify run (optionally with --repair-sql), then
 * {@code pgparity repair} through its command class exactly as the command line runs it.
 */
public final class RepairRuns {

  private RepairRuns() {}

  /** What one repair command printed and returned. */
  public record Result(int code, String out, String err) {

    /** The last line printed on stdout: the result. */
    public String line() {
      List<String> lines = out.lines().toList();
      return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    }
  }

  /**
   * Verifies the tables (schema.table) with small ranges and no rechecks; a live link is not waited
   * for unless {@code lagAware}.
   */
  public static RunOutcome verify(
      String primaryUrl,
      String replicaUrl,
      Path out,
      List<String> tables,
      boolean repairSql,
      boolean lagAware) {
    LiveTuning live = new LiveTuning(lagAware, Duration.ofSeconds(30), 0, 0, Duration.ZERO, 0, 3);
    JobDefinition definition =
        new JobDefinition(
            "repair",
            new ConnectionSpec(primaryUrl, null),
            new ConnectionSpec(replicaUrl, null),
            tables.stream().map(t -> TableSpec.of(TableRef.parse(t))).toList(),
            new Tuning(2, 50, 10_000, Duration.ofMinutes(5), Duration.ofSeconds(5), live),
            out,
            null);
    RunOutcome outcome = new SpringVerifyLauncher().launch(definition, repairSql);
    assertThat(outcome.runFolder()).as("run folder of %s", outcome.verdict()).isNotNull();
    return outcome;
  }

  /**
   * A finished run folder made by hand for the given divergences, as verify leaves it: job.json,
   * divergences.jsonl and .csv written by the report package's writer, and summary.json, whose
   * presence is what tells repair the run finished (repair reads nothing else from it).
   */
  public static Path handMadeRun(
      String primaryUrl,
      String replicaUrl,
      Path out,
      List<String> tables,
      List<Divergence> divergences,
      long seed) {
    JobDefinition definition =
        new JobDefinition(
            "repair",
            new ConnectionSpec(primaryUrl, null),
            new ConnectionSpec(replicaUrl, null),
            tables.stream().map(t -> TableSpec.of(TableRef.parse(t))).toList(),
            Tuning.defaults(),
            out,
            null);
    Path folder = RunFolder.create(out, definition.name(), Instant.now(), new Random(seed)).path();
    JobJsonWriter.write(definition, folder);
    try (DivergenceWriter writer = DivergenceWriter.open(folder)) {
      divergences.forEach(writer::write);
    }
    try {
      Files.writeString(
          folder.resolve(SummaryJsonWriter.FILE_NAME),
          "{\"tool\": \"pgparity\", \"status\": \"DIVERGENT\"}\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return folder;
  }

  /**
   * Runs {@code pgparity repair args...} in this JVM, with no password file and no password
   * variables.
   */
  public static Result repair(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PasswordResolver none =
        new PasswordResolver(Map.of("PGPASSFILE", "/nonexistent/pgpass"), Path.of("/nonexistent"));
    int code =
        new RepairCommand(Map.of(), none)
            .run(
                List.of(args),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Result(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** The run folder's repair.sql, line by line. */
  public static List<String> repairSql(Path runFolder) {
    try {
      return Files.readAllLines(runFolder.resolve("repair.sql"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The statements of a repair.sql (no comments, SETs, BEGIN or COMMIT). */
  public static List<String> statements(Path runFolder) {
    return repairSql(runFolder).stream()
        .filter(l -> l.startsWith("INSERT ") || l.startsWith("UPDATE ") || l.startsWith("DELETE "))
        .toList();
  }
}
