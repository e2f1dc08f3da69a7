package io.pgparity.evidence;

import static com.google.common.base.Preconditions.checkArgument;
import static java.nio.charset.StandardCharsets.UTF_8;

import io.pgparity.live.Lsn;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.util.DefaultIndenter;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.core.util.Separators;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * manifest.json to and from {@link Manifest}. Reading is strict (every field, the right types, no
 * unknown or duplicate field): evidence that cannot be read completely is not evidence.
 */
public final class ManifestJson {

  private static final JsonMapper MAPPER =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();
  private static final ObjectWriter PRETTY = MAPPER.writer().with(prettyPrinter());

  private static final Set<String> FIELDS = Set.of("manifestVersion", "tool", "version", "job", "runId",
      "startedAt", "finishedAt", "jobDefinitionSha256", "primary", "replica", "files", "signature");
  private static final Set<String> SERVER_FIELDS = Set.of("systemIdentifier", "serverVersion", "walAtStart", "walAtEnd");
  private static final Set<String> FILE_FIELDS = Set.of("path", "size", "sha256");
  private static final Set<String> SIGNATURE_FIELDS = Set.of("algorithm", "value");

  private ManifestJson() {}

  /** The file's bytes: pretty-printed UTF-8, one field per line, ending in a newline. */
  public static byte[] fileBytes(Manifest manifest) {
    return (PRETTY.writeValueAsString(toTree(manifest)) + "\n").getBytes(UTF_8);
  }

  /** What the signature covers: the canonical bytes of the manifest without its signature. */
  public static byte[] signedBytes(Manifest manifest) {
    return CanonicalJson.bytes(toTree(manifest.unsigned()));
  }

  /** What a signature of the parsed file covers: its canonical bytes without the signature member. */
  public static byte[] signedBytes(JsonNode parsed) {
    ObjectNode copy = ((ObjectNode) parsed).deepCopy();
    copy.remove("signature");
    return CanonicalJson.bytes(copy);
  }

  /** Parses the file's bytes into a tree; duplicate fields are an error. */
  public static JsonNode parse(byte[] bytes) {
    JsonNode tree = MAPPER.readTree(bytes);
    checkArgument(tree != null && tree.isObject(), "manifest.json must hold one JSON object");
    return tree;
  }

  static ObjectNode toTree(Manifest manifest) {
    RunFacts run = manifest.run();
    ObjectNode root = MAPPER.createObjectNode();
    root.put("manifestVersion", Manifest.FORMAT_VERSION);
    root.put("tool", "pgparity");
    root.put("version", run.version());
    root.put("job", run.job());
    root.put("runId", run.runId());
    root.put("startedAt", run.startedAt().toString());
    root.put("finishedAt", run.finishedAt().toString());
    root.put("jobDefinitionSha256", manifest.jobDefinitionSha256());
    root.set("primary", server(run.primary()));
    root.set("replica", server(run.replica()));
    ArrayNode files = root.putArray("files");
    for (FileEntry file : manifest.files()) {
      files.addObject().put("path", file.path()).put("size", file.size()).put("sha256", file.sha256());
    }
    if (manifest.signature() != null) {
      root.putObject("signature")
          .put("algorithm", manifest.signature().algorithm())
          .put("value", manifest.signature().value());
    }
    return root;
  }

  /**
   * The manifest in a parsed file.
   *
   * @throws IllegalArgumentException naming the first field that is missing, unknown or malformed
   */
  public static Manifest fromTree(JsonNode root) {
    fields(root, FIELDS, "manifest.json");
    long format = integer(root, "manifestVersion");
    checkArgument(
        format == Manifest.FORMAT_VERSION,
        "manifestVersion %s is not %s, the only format this pgparity reads",
        format,
        Manifest.FORMAT_VERSION);
    checkArgument("pgparity".equals(text(root, "tool")), "tool must be pgparity but was '%s'", text(root, "tool"));
    RunFacts run = new RunFacts(
        text(root, "version"),
        text(root, "job"),
        text(root, "runId"),
        instant(root, "startedAt"),
        instant(root, "finishedAt"),
        server(root.get("primary"), "primary"),
        server(root.get("replica"), "replica"));
    JsonNode filesNode = root.get("files");
    checkArgument(filesNode != null && filesNode.isArray(), "files must be an array");
    List<FileEntry> files = new ArrayList<>();
    for (JsonNode file : filesNode) {
      fields(file, FILE_FIELDS, "a files entry");
      files.add(new FileEntry(text(file, "path"), integer(file, "size"), text(file, "sha256")));
    }
    JsonNode signature = root.get("signature");
    Signature parsed = null;
    if (signature != null) {
      fields(signature, SIGNATURE_FIELDS, "signature");
      parsed = new Signature(text(signature, "algorithm"), text(signature, "value"));
    }
    return new Manifest(run, text(root, "jobDefinitionSha256"), files, parsed);
  }

  private static ObjectNode server(ServerEvidence server) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("systemIdentifier", server.systemIdentifier());
    node.put("serverVersion", server.serverVersion());
    node.put("walAtStart", server.walAtStart() == null ? null : server.walAtStart().toString());
    node.put("walAtEnd", server.walAtEnd() == null ? null : server.walAtEnd().toString());
    return node;
  }

  private static ServerEvidence server(JsonNode node, String side) {
    fields(node, SERVER_FIELDS, side);
    return new ServerEvidence(
        text(node, "systemIdentifier"), text(node, "serverVersion"), lsn(node, "walAtStart"), lsn(node, "walAtEnd"));
  }

  private static void fields(JsonNode node, Set<String> allowed, String what) {
    checkArgument(node != null && node.isObject(), "%s must be a JSON object", what);
    for (String name : node.propertyNames()) {
      checkArgument(allowed.contains(name), "%s has an unknown field '%s'; known fields: %s", what, name, allowed);
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    checkArgument(value != null && value.isString(), "%s must be a string but was %s", field, value);
    return value.stringValue();
  }

  private static long integer(JsonNode node, String field) {
    JsonNode value = node.get(field);
    checkArgument(
        value != null && value.isIntegralNumber() && value.canConvertToLong(),
        "%s must be a whole number but was %s",
        field,
        value);
    return value.longValue();
  }

  private static Instant instant(JsonNode node, String field) {
    String value = text(node, field);
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(field + " must be a UTC time like 2026-11-25T12:00:00Z but was '" + value + "'");
    }
  }

  private static Lsn lsn(JsonNode node, String field) {
    JsonNode value = node.get(field);
    checkArgument(value != null, "%s is missing (null when unknown)", field);
    return value.isNull() ? null : Lsn.parse(text(node, field));
  }

  // the layout of summary.json: "name": value, one element per line, LF on every platform
  private static DefaultPrettyPrinter prettyPrinter() {
    Separators separators = Separators.createDefaultInstance()
        .withObjectNameValueSpacing(Separators.Spacing.AFTER)
        .withObjectEmptySeparator("")
        .withArrayEmptySeparator("");
    DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
    return new DefaultPrettyPrinter(separators).withObjectIndenter(indenter).withArrayIndenter(indenter);
  }
}
