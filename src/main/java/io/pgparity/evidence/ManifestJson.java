package io.pgparity.evidence;

import static com.google.common.base.Preconditions.checkArgument;
import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.pgparity.report.RunFileJson;
import java.time.Instant;
import java.util.List;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.type.LogicalType;

/**
 * manifest.json: the one schema the manifest's writer ({@link ManifestWriter}) and its readers
 * ({@link ManifestChecker}, pgparity merge) share, to and from {@link Manifest}. It is written in
 * summary.json's layout, components in their order, {@code signature} only when signed. Reading is
 * strict (every field, the right types, no unknown or duplicate field, nothing after the object):
 * evidence that cannot be read completely is not evidence.
 */
public record ManifestJson(
    long manifestVersion,
    String tool,
    String version,
    String job,
    String runId,
    Instant startedAt,
    Instant finishedAt,
    String jobDefinitionSha256,
    ServerEvidence primary,
    ServerEvidence replica,
    List<FileEntry> files,
    @JsonInclude(JsonInclude.Include.NON_NULL) Signature signature) {

  /** What {@code tool} says in every manifest. */
  public static final String TOOL = "pgparity";

  private static final JsonMapper STRICT =
      RunFileJson.builder(
              JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build())
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
          // "1" is no number and 1 no string in a manifest: Jackson converts scalars unless told
          // not to
          .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
          .withCoercionConfig(
              LogicalType.Textual,
              text ->
                  text.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                      .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                      .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
          .build();

  public ManifestJson {
    checkArgument(
        manifestVersion == Manifest.FORMAT_VERSION,
        "manifestVersion %s is not %s, the only format this pgparity reads",
        manifestVersion,
        Manifest.FORMAT_VERSION);
    checkArgument(TOOL.equals(tool), "tool must be pgparity but was '%s'", tool);
    checkArgument(files != null, "files must be an array");
  }

  /** The file's schema of {@code manifest}. */
  public static ManifestJson of(Manifest manifest) {
    RunFacts run = manifest.run();
    return new ManifestJson(
        Manifest.FORMAT_VERSION,
        TOOL,
        run.version(),
        run.job(),
        run.runId(),
        run.startedAt(),
        run.finishedAt(),
        manifest.jobDefinitionSha256(),
        run.primary(),
        run.replica(),
        manifest.files(),
        manifest.signature());
  }

  /** The manifest this file says; the records' checks name the first field that is wrong. */
  public Manifest manifest() {
    return new Manifest(
        new RunFacts(version, job, runId, startedAt, finishedAt, primary, replica),
        jobDefinitionSha256,
        files,
        signature);
  }

  /** The file's bytes: pretty-printed UTF-8, one field per line, ending in a newline. */
  public static byte[] fileBytes(Manifest manifest) {
    return (RunFileJson.JQ_LAYOUT.writeValueAsString(of(manifest)) + "\n").getBytes(UTF_8);
  }

  /** What the signature covers: the canonical bytes of the manifest without its signature. */
  public static byte[] signedBytes(Manifest manifest) {
    return CanonicalJson.bytes(toTree(manifest.unsigned()));
  }

  /**
   * What a signature of the parsed file covers: its canonical bytes without the signature member.
   */
  public static byte[] signedBytes(JsonNode parsed) {
    ObjectNode copy = ((ObjectNode) parsed).deepCopy();
    copy.remove("signature");
    return CanonicalJson.bytes(copy);
  }

  /** Parses the file's bytes into a tree; duplicate fields are an error. */
  public static JsonNode parse(byte[] bytes) {
    JsonNode tree = STRICT.readTree(bytes);
    checkArgument(tree != null && tree.isObject(), "manifest.json must hold one JSON object");
    return tree;
  }

  /** The tree the file's bytes are written from. */
  static ObjectNode toTree(Manifest manifest) {
    return STRICT.valueToTree(of(manifest));
  }

  /**
   * The manifest in a parsed file.
   *
   * @throws IllegalArgumentException naming the first field that is missing or malformed
   * @throws tools.jackson.core.JacksonException naming a field that is unknown or of the wrong type
   */
  public static Manifest fromTree(JsonNode root) {
    checkArgument(root != null && root.isObject(), "manifest.json must be a JSON object");
    return STRICT.treeToValue(root, ManifestJson.class).manifest();
  }
}
