package io.pgparity.cli;

import io.pgparity.config.Shard;
import io.pgparity.config.TablePattern;
import io.pgparity.config.Tuning;
import io.pgparity.config.units.ByteSizeText;
import io.pgparity.config.units.DurationText;
import io.pgparity.config.units.RateText;
import io.pgparity.table.TableRef;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * picocli converters for the values options take, built on the job file's readers (DurationText,
 * ByteSizeText, RateText, ...) so both accept the same forms. A converter's message follows the
 * option's name: Cli's usage-error line is "{@code <command>: <option> <message>}". A blank value
 * is refused by each, and reported as a missing one.
 */
public final class Converters {

  private Converters() {}

  private static String nonBlank(String value) {
    if (value.isBlank()) {
      throw new TypeConversionException("needs a value");
    }
    return value;
  }

  /** A whole number; underscores may group digits. Its range is the option's {@link Range}. */
  public static final class WholeNumber implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      try {
        return Integer.parseInt(nonBlank(value).replace("_", ""));
      } catch (NumberFormatException e) {
        throw new TypeConversionException("must be an integer but was '" + value + "'");
      }
    }
  }

  /** Any text but a blank one. */
  public static final class Text implements ITypeConverter<String> {
    @Override
    public String convert(String value) {
      return nonBlank(value);
    }
  }

  /** A file or folder. */
  public static final class PathValue implements ITypeConverter<Path> {
    @Override
    public Path convert(String value) {
      try {
        return Path.of(nonBlank(value));
      } catch (InvalidPathException e) {
        throw new TypeConversionException("is not a valid path: " + e.getReason());
      }
    }
  }

  /** A duration such as 30s or 2m, at most {@link DurationText#MAX}. */
  public static final class DurationValue implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      Duration duration =
          DurationText.parse(nonBlank(value))
              .orElseThrow(
                  () ->
                      new TypeConversionException(
                          "must be " + DurationText.FORMS + " but was '" + value + "'"));
      if (duration.compareTo(DurationText.MAX) > 0) {
        throw new TypeConversionException(
            "must be at most " + DurationText.MAX.toHours() + "h but was '" + value + "'");
      }
      return duration;
    }
  }

  /** A size of WAL such as 64MB, in bytes. */
  public static final class ByteSize implements ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
      return ByteSizeText.parse(nonBlank(value))
          .orElseThrow(
              () ->
                  new TypeConversionException(
                      "must be " + ByteSizeText.FORMS + " but was '" + value + "'"));
    }
  }

  /** Rows per second, such as 5000 or 2.5. */
  public static final class Rate implements ITypeConverter<Double> {
    @Override
    public Double convert(String value) {
      return RateText.parse(nonBlank(value))
          .orElseThrow(
              () ->
                  new TypeConversionException(
                      "must be " + RateText.FORMS + " but was '" + value + "'"));
    }
  }

  /** A schema-qualified table. */
  public static final class Table implements ITypeConverter<TableRef> {
    @Override
    public TableRef convert(String value) {
      try {
        return TableRef.parse(nonBlank(value));
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  /** A schema-qualified table, or a pattern of tables when it has an unquoted * or ?. */
  static final class TableOrPattern implements ITypeConverter<TableArgument> {
    @Override
    public TableArgument convert(String value) {
      try {
        return TableArgument.parse(nonBlank(value));
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  /** A table pattern, e.g. app.tmp_*. */
  static final class Pattern implements ITypeConverter<TablePattern> {
    @Override
    public TablePattern convert(String value) {
      try {
        return TablePattern.parse(nonBlank(value));
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  /** A schema name or pattern, read as every table in it: app is app.*. */
  static final class SchemaPattern implements ITypeConverter<TablePattern> {
    @Override
    public TablePattern convert(String value) {
      try {
        return TablePattern.schema(nonBlank(value));
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  /** --threads: auto or a whole number of threads. */
  static final class Threads implements ITypeConverter<ThreadsArgument> {
    @Override
    public ThreadsArgument convert(String value) {
      return ThreadsArgument.parse(nonBlank(value).strip())
          .orElseThrow(
              () ->
                  new TypeConversionException(
                      "must be auto or an integer between 1 and "
                          + Tuning.MAX_THREADS
                          + " but was '"
                          + value
                          + "'"));
    }
  }

  /** A shard I/N of verify. */
  public static final class ShardValue implements ITypeConverter<Shard> {
    @Override
    public Shard convert(String value) {
      return Shard.parse(nonBlank(value))
          .orElseThrow(
              () ->
                  new TypeConversionException(
                      "must be "
                          + Shard.FORM
                          + " but was '"
                          + value
                          + "'; in a Kubernetes Indexed Job give --shard $(JOB_COMPLETION_INDEX)/n with n = completions"));
    }
  }
}
