package io.pgparity.evidence;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.pgparity.live.Lsn;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/** A run folder with the files a verify run writes, made without a database, for checker tests. */
public final class FakeRun {

  public static final RunFacts FACTS =
      new RunFacts(
          "1.2.3",
          "auth",
          "20261125T120000Z-1a2b",
          Instant.parse("2026-11-25T12:00:00Z"),
          Instant.parse("2026-11-25T12:00:07.250Z"),
          new ServerEvidence(
              "7301234567890123456", "15.4", Lsn.parse("0/1A2B3C4D"), Lsn.parse("0/1A2B3D00")),
          new ServerEvidence(
              "7301234567890123456", "15.4", Lsn.parse("0/1A2B3000"), Lsn.parse("0/1A2B3C4D")));

  private FakeRun() {}

  /** job.json, summary.json, report.md, divergences.jsonl and a file in a sub-folder. */
  public static Path create(Path folder) {
    try {
      Files.createDirectories(folder.resolve("repair"));
      write(folder, "job.json", "{\n  \"name\": \"auth\"\n}\n");
      write(folder, "summary.json", "{\n  \"status\": \"DIVERGENT\"\n}\n");
      write(folder, "report.md", "# DIVERGENT\n\n3 rows differ.\n");
      write(folder, "divergences.jsonl", "{\"table\":\"public.users\",\"key\":{\"id\":\"7\"}}\n");
      write(folder, "repair/public.users.sql", "BEGIN;\nCOMMIT;\n");
      return folder;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static void write(Path folder, String name, String text) throws IOException {
    Files.writeString(folder.resolve(name), text, UTF_8);
  }
}
