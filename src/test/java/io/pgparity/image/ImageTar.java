package io.pgparity.image;

import static com.google.common.base.Preconditions.checkArgument;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The image tar the build writes ({@code docker save} format: manifest.json, the config, one
 * gzipped tar per layer), opened the way {@code docker load} would read it.
 */
final class ImageTar {

  /** What {@code mvn package} builds; failsafe runs after package, in the project folder. */
  static final Path BUILT =
      Path.of(System.getProperty("basedir", System.getProperty("user.dir")))
          .resolve("target")
          .resolve("pgparity-image.tar")
          .toAbsolutePath();

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final Path extracted;
  private final JsonNode manifest;
  private final JsonNode config;

  private ImageTar(Path extracted, JsonNode manifest, JsonNode config) {
    this.extracted = extracted;
    this.manifest = manifest;
    this.config = config;
  }

  /** Extracts {@code tar} into {@code scratch} and reads its manifest and config. */
  static ImageTar open(Path tar, Path scratch) {
    checkArgument(
        Files.isRegularFile(tar), "%s is missing; build it with ./mvnw package (or verify)", tar);
    HostCommand.run(List.of("tar", "-xf", tar.toString(), "-C", scratch.toString()));
    JsonNode manifests = read(scratch.resolve("manifest.json"));
    checkArgument(
        manifests.size() == 1, "%s holds %s images, expected exactly 1", tar, manifests.size());
    JsonNode manifest = manifests.get(0);
    return new ImageTar(scratch, manifest, read(scratch.resolve(manifest.get("Config").asText())));
  }

  /** The names {@code docker load} tags the image with, e.g. {@code pgparity:0.1.0}. */
  List<String> repoTags() {
    return strings(manifest.get("RepoTags"));
  }

  /** The layer files, base first. */
  List<String> layers() {
    return strings(manifest.get("Layers"));
  }

  /** The whole config blob: architecture, os, config (Entrypoint, User, ...), rootfs, history. */
  JsonNode configBlob() {
    return config;
  }

  /** The runtime part of the config: Entrypoint, Env, User, WorkingDir, Labels. */
  JsonNode runConfig() {
    return config.get("config");
  }

  List<String> entrypoint() {
    return strings(runConfig().get("Entrypoint"));
  }

  List<String> env() {
    return strings(runConfig().get("Env"));
  }

  /** One layer's entries as {@code tar -tv --numeric-owner} lists them (mode, uid/gid, name). */
  List<String> listing(String layer) {
    return HostCommand.run(
            List.of(
                "tar",
                "--numeric-owner",
                "--warning=no-unknown-keyword",
                "-tvzf",
                extracted.resolve(layer).toString()))
        .lines()
        .toList();
  }

  /**
   * Unpacks every layer, in order, into {@code root}, as a container runtime does (Jib layers hold
   * no whiteouts). Owners are kept when the test runs as root.
   */
  Path unpack(Path root) {
    for (String layer : layers()) {
      HostCommand.run(
          List.of(
              "tar",
              "--numeric-owner",
              "--warning=no-unknown-keyword",
              "-xzf",
              extracted.resolve(layer).toString(),
              "-C",
              root.toString()));
    }
    return root;
  }

  private static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    if (array != null) {
      array.forEach(node -> values.add(node.asText()));
    }
    return values;
  }

  private static JsonNode read(Path file) {
    try {
      return JSON.readTree(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
