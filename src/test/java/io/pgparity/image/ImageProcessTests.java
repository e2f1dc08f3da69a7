package io.pgparity.image;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgparity.demo.EmbeddedPair;
import io.pgparity.report.RunFolder;
import io.pgparity.testing.PgParityProcess.Result;
import io.pgparity.testing.RunFiles;
import io.pgparity.testing.TestServers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Opens target/pgparity-image.tar as {@code docker load} would, checks what Kubernetes and a
 * security review rely on (entrypoint, non-root numeric user, working directory, layers), then
 * unpacks the layers into a root and runs the image's own entrypoint inside it: --version, --help,
 * and a real verify against the embedded test servers, which proves the jlink'ed runtime holds
 * every module and library a run needs (JDBC, H2 job repository, Logback, JSON).
 */
class ImageProcessTests {

  private static final Duration RUN_TIMEOUT = Duration.ofMinutes(3);
  private static final int APP_UID = 10001;

  @TempDir static Path scratch;

  private static ImageTar image;
  private static Path root;
  private static ImageSandbox sandbox;
  private static EmbeddedPair pair;
  private static String schema;

  @BeforeAll
  static void unpackTheImage() throws IOException {
    image = ImageTar.open(ImageTar.BUILT, Files.createDirectories(scratch.resolve("tar")));
    root = image.unpack(Files.createDirectories(scratch.resolve("root")));
    sandbox = new ImageSandbox(root, image);
    sandbox.assertUsable();
  }

  @AfterAll
  static void dropTables() {
    if (schema != null) {
      TestServers.dropSchema(schema);
    }
  }

  @Test
  void theTarIsADockerImageTaggedWithTheProjectVersion() {
    // -Dimage.name=registry.example.com/pgparity changes the repository, never the tag
    assertThat(image.repoTags()).singleElement().asString().endsWith("pgparity:" + pomVersion());
    JsonNode config = image.configBlob();
    assertThat(config.path("os").asText()).isEqualTo("linux");
    assertThat(config.path("architecture").asText()).isEqualTo("amd64");
    // the runtime base, then Jib's dependencies, resources, classes and jvm arg files
    assertThat(image.layers()).hasSizeGreaterThanOrEqualTo(2);
    assertThat(config.path("rootfs").path("diff_ids")).hasSize(image.layers().size());
    assertThat(image.runConfig().path("Labels").path("org.opencontainers.image.version").asText())
        .isEqualTo(pomVersion());
  }

  @Test
  void itRunsAsANumericNonRootUserInAWritableWorkingDirectory() throws IOException {
    // numeric, so Kubernetes' runAsNonRoot can check it without the image's /etc/passwd
    assertThat(image.runConfig().path("User").asText()).isEqualTo(APP_UID + ":" + APP_UID);
    assertThat(Files.readAllLines(root.resolve("etc/passwd")))
        .contains("pgparity:x:10001:10001:pgparity:/home/pgparity:/sbin/nologin");
    assertThat(image.runConfig().path("WorkingDir").asText()).isEqualTo("/work");
    List<String> base = image.listing(image.layers().get(0));
    assertThat(base)
        .as("the working directory belongs to the user; /tmp is writable by all, sticky")
        .anyMatch(line -> line.matches("drwx\\S+ 10001/10001 .* \\./work/"))
        .anyMatch(line -> line.matches("drwxrwxrwt 0/0 .* \\./tmp/"));
    assertThat(base)
        .as("nothing else belongs to the user, so the running tool cannot change itself")
        .filteredOn(line -> line.contains(" 10001/10001 "))
        .allMatch(line -> line.matches(".* \\./(work|home/pgparity)/"));
  }

  @Test
  void theEntrypointIsTheImagesOwnJava() {
    List<String> entrypoint = image.entrypoint();
    assertThat(entrypoint).first().isEqualTo("/opt/java/bin/java");
    assertThat(entrypoint).last().isEqualTo("io.pgparity.PgParityApplication");
    assertThat(entrypoint).contains("-XX:TieredStopAtLevel=1");
    assertThat(root.resolve("opt/java/bin/java")).isExecutable();
    assertThat(image.env()).contains("LANG=C.UTF-8", "JAVA_HOME=/opt/java");
    // no shell: the image runs java and nothing else
    assertThat(root.resolve("bin/sh")).doesNotExist();
  }

  @Test
  void versionAndHelpRunInsideTheImage() {
    Result version = sandbox.runEntrypoint(image, RUN_TIMEOUT, "--version");
    assertThat(version.exitCode()).as("%s", version).isZero();
    assertThat(version.stdoutLines()).as("%s", version).containsExactly("pgparity " + pomVersion());

    Result help = sandbox.runEntrypoint(image, RUN_TIMEOUT, "--help");
    assertThat(help.exitCode()).as("%s", help).isZero();
    assertThat(help.stdout()).as("%s", help).startsWith("Usage: pgparity <command> [options]");
    assertThat(help.stderr()).as("%s", help).isEmpty();
  }

  @Test
  void theRuntimeHasTheModulesLoadedByNameAtRunTime() {
    Result r = sandbox.run(RUN_TIMEOUT, List.of("/opt/java/bin/java", "--list-modules"));
    assertThat(r.exitCode()).as("%s", r).isZero();
    // reached by name at run time, which jdeps does not see: the TLS key exchange's curves,
    // JNDI and JMX that Spring and H2 touch, sun.misc.Unsafe that Guava and H2 use
    assertThat(r.stdoutLines())
        .as("%s", r)
        .anyMatch(line -> line.startsWith("jdk.crypto.ec@"))
        .anyMatch(line -> line.startsWith("java.naming@"))
        .anyMatch(line -> line.startsWith("java.management@"))
        .anyMatch(line -> line.startsWith("jdk.unsupported@"))
        .anyMatch(line -> line.startsWith("java.sql@"));
  }

  @Test
  void theRuntimeCanSpeakTlsWithTheSystemsTrustStore() throws IOException {
    // the compiled probe, copied in like a mounted file: the image itself stays as built
    Path probe = root.resolve("tmp/probe/io/pgparity/image/TlsProbe.class");
    Files.createDirectories(probe.getParent());
    try (var in = TlsProbe.class.getResourceAsStream("TlsProbe.class")) {
      Files.copy(in, probe);
    }
    Result r =
        sandbox.run(
            RUN_TIMEOUT,
            List.of("/opt/java/bin/java", "-cp", "/tmp/probe", TlsProbe.class.getName()));
    assertThat(r.exitCode()).as("%s", r).isZero();
    assertThat(r.stdoutLines()).as("%s", r).startsWith("ecdh ok", "tls13 ok");
    // Debian's ca-certificates bundle holds well over 100 roots; an empty store would be 0
    assertThat(Integer.parseInt(r.lastLine().replace("trusted roots ", "")))
        .as("%s", r)
        .isGreaterThan(100);
    assertThat(root.resolve("etc/ssl/certs/ca-certificates.crt")).isNotEmptyFile();
  }

  @Test
  void verifyOfAJobFileInsideTheImageComparesTheTestServersAndWritesTheRunFolder()
      throws IOException {
    pair = TestServers.pair();
    schema = TestServers.uniqueSchema("image_process");
    pair.execBoth(
        "CREATE TABLE "
            + schema
            + ".users (id int PRIMARY KEY, email text NOT NULL);"
            + "INSERT INTO "
            + schema
            + ".users SELECT i, 'u' || i || '@example.com'"
            + " FROM generate_series(1, 20) i;");
    // as a ConfigMap would mount it, with the URLs from the environment as in jobs/auth.yaml
    Path job = Files.createDirectories(root.resolve("jobs")).resolve("image.yaml");
    Files.writeString(
        job,
        String.join(
            "\n",
            "name: image",
            "primary:",
            "  url: '${PGPARITY_PRIMARY_URL}'",
            "replica:",
            "  url: '${PGPARITY_REPLICA_URL}'",
            "tables: [" + schema + ".users]",
            ""));

    Result r =
        sandbox
            .withEnv(
                Map.of(
                    "PGPARITY_PRIMARY_URL", pair.primaryUrl(),
                    "PGPARITY_REPLICA_URL", pair.replicaUrl()))
            .runEntrypoint(image, RUN_TIMEOUT, "verify", "--job", "/jobs/image.yaml");

    assertThat(r.exitCode()).as("%s", r).isZero();
    assertThat(r.lastLine()).as("%s", r).startsWith("CONSISTENT: 1 table, 20 rows compared");
    assertThat(r.stderrLines()).as("%s", r).noneMatch(line -> line.startsWith("\tat "));
    // the default out is relative: reports/ under the image's working directory
    Path folder = runFolder(r);
    assertThat(folder.getParent()).isEqualTo(root.resolve("work/reports/image"));
    JsonNode summary = RunFiles.summary(folder);
    assertThat(summary.get("status").asText()).isEqualTo("CONSISTENT");
    assertThat(summary.get("job").asText()).isEqualTo("image");
    assertThat(summary.get("version").asText()).isEqualTo(pomVersion());
    assertThat(folder.resolve("manifest.json")).isRegularFile();
    // the H2 job repository ran inside the image too
    assertThat(root.resolve("work/reports/image/.jobrepository")).isDirectory();
    if (sandbox.switchesUser()) {
      assertThat(Files.getAttribute(folder.resolve("summary.json"), "unix:uid"))
          .as("written by the image's user, not by root")
          .isEqualTo(APP_UID);
    }
  }

  // --- helpers

  /** The run folder the verdict names, e.g. {@code reports/adhoc/20261125T120000Z-1a2b}. */
  private static Path runFolder(Result r) {
    Matcher m = Pattern.compile("(\\S*" + RunFolder.RUN_ID.pattern() + ")$").matcher(r.lastLine());
    assertThat(m.find()).as("the verdict names a run folder: %s", r).isTrue();
    String named = m.group(1);
    Path folder =
        (named.startsWith("/") ? root.resolve(named.substring(1)) : root.resolve("work/" + named))
            .normalize();
    assertThat(folder).as("%s", r).isDirectory();
    return folder;
  }

  private static String pomVersion() {
    Path pom =
        Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).resolve("pom.xml");
    try (Stream<String> lines = Files.lines(pom)) {
      String text = String.join("\n", lines.toList());
      Matcher m =
          Pattern.compile("<artifactId>pgparity</artifactId>\\s*<version>([^<]+)</version>")
              .matcher(text);
      assertThat(m.find()).as("pom.xml declares pgparity's version").isTrue();
      return m.group(1);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
