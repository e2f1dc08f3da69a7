package io.pgparity.report;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.pgparity.files.AtomicFile;
import java.nio.file.Path;
import tools.jackson.core.SerializableString;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.io.CharacterEscapes;
import tools.jackson.core.io.SerializedString;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.util.DefaultIndenter;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.core.util.Separators;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Jackson set-up every run-folder file's schema record is written and read with, so that a
 * writer and its readers cannot drift apart. Components are written in record order (Jackson 3
 * sorts other properties alphabetically by default; the files' field order is a contract with jq
 * scripts), BigDecimals in plain notation (seconds are written with exactly three decimals).
 */
public final class RunFileJson {

  /** For the pretty-printed files: summary.json, job.json, manifest.json. */
  public static final JsonMapper MAPPER = builder(JsonFactory.builder().build()).build();

  /**
   * For JSON lines (divergences.jsonl, rechecks.jsonl): U+2028 and U+2029 escaped, see {@link
   * LineSeparatorEscapes}.
   */
  public static final JsonMapper LINES =
      builder(JsonFactory.builder().characterEscapes(new LineSeparatorEscapes()).build()).build();

  /**
   * summary.json's and manifest.json's layout: one element per line and {@code "name": value}, as
   * jq prints it; LF on every platform.
   */
  public static final ObjectWriter JQ_LAYOUT = MAPPER.writer().with(jqLayout());

  /**
   * job.json's layout, which is Jackson's default pretty printer with LF line ends ({@code "name" :
   * value}, arrays on one line); it differs from summary.json's, but the bytes of existing job.json
   * files are hashed by evidence manifests and compared by merge, so it stays.
   */
  public static final ObjectWriter JOB_LAYOUT =
      MAPPER
          .writer()
          .with(new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n")));

  private RunFileJson() {}

  /**
   * Writes {@code value} to {@code file} atomically in {@code layout}, UTF-8, ending with a
   * newline.
   */
  public static void write(ObjectWriter layout, Object value, Path file) {
    AtomicFile.write(file, (layout.writeValueAsString(value) + "\n").getBytes(UTF_8));
  }

  /** The mapper's common settings, so pretty files and lines differ only in escaping. */
  public static JsonMapper.Builder builder(JsonFactory factory) {
    return JsonMapper.builder(factory)
        .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
        .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN);
  }

  private static DefaultPrettyPrinter jqLayout() {
    Separators separators =
        Separators.createDefaultInstance()
            .withObjectNameValueSpacing(Separators.Spacing.AFTER)
            .withObjectEmptySeparator("")
            .withArrayEmptySeparator("");
    DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
    return new DefaultPrettyPrinter(separators)
        .withObjectIndenter(indenter)
        .withArrayIndenter(indenter);
  }

  /**
   * Escapes U+2028 and U+2029: valid in JSON, but some line readers (JavaScript, Python's
   * splitlines) treat them as line ends and would split one divergence into two.
   */
  private static final class LineSeparatorEscapes extends CharacterEscapes {

    private static final SerializableString LINE = new SerializedString("\\u2028");
    private static final SerializableString PARAGRAPH = new SerializedString("\\u2029");
    private final int[] ascii = standardAsciiEscapesForJSON();

    @Override
    public int[] getEscapeCodesForAscii() {
      return ascii;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
      return switch (ch) {
        case '\u2028' -> LINE;
        case '\u2029' -> PARAGRAPH;
        default -> null;
      };
    }
  }
}
