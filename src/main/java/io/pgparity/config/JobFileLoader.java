package io.pgparity.config;

import io.pgparity.config.connection.ConnectionSpec;
import io.pgparity.config.connection.PasswordResolver;
import io.pgparity.table.TableRef;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads a YAML job file strictly into a {@link JobDefinition}. Strict because a misspelt key that
 * is silently ignored would make a check compare less than its author believes; every error is one
 * line starting with {@code file:line:}. The node API keeps the line of every value.
 */
public final class JobFileLoader {

  static final List<String> JOB_KEYS =
      List.of(
          "name",
          "primary",
          "replica",
          "tables",
          "exclude",
          "materialized-views",
          "threads",
          "max-threads",
          "chunk-rows",
          "max-divergences",
          "statement-timeout",
          "lock-timeout",
          "lag-aware",
          "max-wait",
          "max-lag",
          "rechecks",
          "recheck-delay",
          "rows-per-second",
          "retries",
          "query-time",
          "max-runtime",
          "mask-key-env",
          "out",
          "job-repository",
          "expect",
          "metrics-file",
          "pushgateway");
  static final List<String> CONNECTION_KEYS = List.of("url", "password");
  static final List<String> TABLE_KEYS =
      List.of(
          "table",
          "key",
          "columns",
          "ignore-columns",
          "where",
          "settle-column",
          "settle-window",
          "mask");

  /** Where run folders go when neither the job file nor the command line says. */
  public static final Path DEFAULT_OUT = Path.of("reports");

  private static final String TABLE_ENTRY =
      "each tables entry must be schema.table, a pattern such as app.*, or a map with table:, key:,"
          + " columns:, ...";

  private static final String URL_EXAMPLE = "'jdbc:postgresql://host:5432/app?user=checker'";

  /** Loads {@code file}, expanding {@code ${VAR}} references from {@code env}. */
  public JobDefinition load(Path file, Map<String, String> env) {
    String fileName = file.toString();
    Node root = YamlFile.compose(file);
    YamlSection job = YamlSection.of(fileName, "the job", root, env, JOB_KEYS);
    String name = job.requiredString("name", "a job name", "auth");
    if (!name.matches(JobDefinition.NAME_PATTERN)) {
      throw job.error(
          job.value("name").get(),
          "name must be 1-64 letters, digits, '.', '_' or '-' (starting with a letter or digit)"
              + " but was '"
              + YamlSection.abbreviate(name)
              + "'; it becomes a folder name");
    }
    ConnectionSpec primary = connection(fileName, job, "primary", env);
    ConnectionSpec replica = connection(fileName, job, "replica", env);
    List<TableSpec> tables = new ArrayList<>();
    List<TablePattern> patterns = new ArrayList<>();
    tables(fileName, job, env, tables, patterns);
    TableSelection selection = selection(job, patterns);
    Tuning tuning = tuning(job);
    String maskKeyEnv =
        MaskKeys.keyEnv(job, env, tables.stream().anyMatch(t -> !t.mask().isEmpty()));
    // the audit (its own command and the one in every verify run) checks them; every command
    // reports a mistake
    Map<String, String> expect = ExpectKeys.read(job);
    Path out = job.string("out", "a folder path").map(o -> path(job, o)).orElse(DEFAULT_OUT);
    String repository = job.string("job-repository", "a JDBC url").orElse(null);
    if (repository != null && !repository.startsWith("jdbc:")) {
      throw job.error(
          job.value("job-repository").get(),
          "job-repository must be a JDBC url such as jdbc:postgresql://host:5432/batch but was '"
              + YamlSection.abbreviate(repository)
              + "'; remove the key to use a file database under out");
    }
    MetricsTargets metrics = metrics(job);
    try {
      return new JobDefinition(
          name,
          primary,
          replica,
          tables,
          tuning,
          out,
          repository,
          maskKeyEnv,
          metrics,
          null,
          expect,
          selection);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw job.error(e.getMessage());
    }
  }

  private static ConnectionSpec connection(
      String fileName, YamlSection job, String side, Map<String, String> env) {
    Node node =
        job.value(side).orElseThrow(() -> job.missing(side, "{ url: " + URL_EXAMPLE + " }"));
    YamlSection connection = YamlSection.of(fileName, side, node, env, CONNECTION_KEYS);
    String url = connection.requiredString("url", "a jdbc:postgresql: url", URL_EXAMPLE);
    if (!url.startsWith("jdbc:postgresql:")) {
      throw connection.error(
          connection.value("url").get(),
          side
              + " url must start with jdbc:postgresql: but was '"
              + YamlSection.abbreviate(url)
              + "'; e.g. url: "
              + URL_EXAMPLE);
    }
    // an empty value, e.g. from ${PRIMARY_PASSWORD:-}, means "no password": ~/.pgpass may supply it
    String password = connection.string("password", "a password, best as ${ENV_VAR}").orElse(null);
    if (password != null && PasswordResolver.hasPasswordParameter(url)) {
      throw connection.error(
          "password",
          side
              + " gives a password both in its url and as password;"
              + " remove password= from the url");
    }
    return new ConnectionSpec(url, password);
  }

  /**
   * The tables entries: exact ones into {@code tables}, the ones with a wildcard into {@code
   * patterns}.
   */
  private static void tables(
      String fileName,
      YamlSection job,
      Map<String, String> env,
      List<TableSpec> tables,
      List<TablePattern> patterns) {
    Node node = job.value("tables").orElseThrow(() -> job.missing("tables", "[public.users]"));
    if (!(node instanceof SequenceNode sequence)) {
      throw job.error(
          node,
          "tables must be a list whose entries are schema.table, a pattern such as app.* or a map"
              + " with table: but was "
              + YamlSection.shape(node));
    }
    if (sequence.getValue().isEmpty()) {
      throw job.error(node, "tables must list at least one table, e.g. tables: [public.users]");
    }
    Map<Object, Integer> firstLine = new HashMap<>();
    for (Node item : sequence.getValue()) {
      Object entry;
      if (item instanceof MappingNode) {
        TableSpec spec = table(YamlSection.of(fileName, "a tables entry", item, env, TABLE_KEYS));
        tables.add(spec);
        entry = spec.table();
      } else {
        String text = job.scalar(item, "tables", TABLE_ENTRY);
        if (TablePattern.hasWildcard(text)) {
          TablePattern pattern = pattern(job, item, text);
          patterns.add(pattern);
          entry = pattern;
        } else {
          TableSpec spec = TableSpec.of(tableRef(job, item, text));
          tables.add(spec);
          entry = spec.table();
        }
      }
      Integer earlier = firstLine.putIfAbsent(entry, YamlSection.line(item));
      if (earlier != null) {
        throw job.error(
            item,
            (entry instanceof TablePattern ? "pattern " : "table ")
                + entry
                + " is listed twice (first on line "
                + earlier
                + "); keep one entry");
      }
    }
  }

  private static TablePattern pattern(YamlSection section, Node at, String text) {
    try {
      return TablePattern.parse(text);
    } catch (IllegalArgumentException e) {
      throw section.error(at, e.getMessage());
    }
  }

  private static TableSelection selection(YamlSection job, List<TablePattern> include) {
    List<TablePattern> exclude = new ArrayList<>();
    Optional<Node> node = job.value("exclude");
    if (node.isPresent()) {
      String what = "exclude must be a list of table patterns, e.g. exclude: ['app.tmp_*']";
      List<Node> items =
          node.get() instanceof SequenceNode sequence ? sequence.getValue() : List.of(node.get());
      for (Node item : items) {
        TablePattern pattern = pattern(job, item, job.scalar(item, "exclude", what));
        if (exclude.contains(pattern)) {
          throw job.error(item, "exclude lists '" + pattern + "' twice; remove one");
        }
        exclude.add(pattern);
      }
      if (include.isEmpty()) {
        throw job.error(
            node.get(),
            "exclude leaves out tables that a pattern in tables matches, but tables has no"
                + " pattern (an entry named exactly is always compared); add one such as app.* or"
                + " remove exclude");
      }
    }
    boolean materializedViews = LiveKeys.bool(job, "materialized-views").orElse(false);
    return new TableSelection(include, exclude, materializedViews);
  }

  private static TableSpec table(YamlSection entry) {
    String text = entry.requiredString("table", "schema.table", "public.users");
    if (TablePattern.hasWildcard(text)) {
      throw entry.error(
          entry.value("table").get(),
          "table '"
              + YamlSection.abbreviate(text)
              + "' is a pattern, but an entry with options (key, columns, where, ...) names one"
              + " table; list the pattern as a plain entry (- "
              + YamlSection.abbreviate(text)
              + ") and give options to tables named exactly");
    }
    TableRef table = tableRef(entry, entry.value("table").get(), text);
    List<String> key = entry.names("key");
    List<String> columns = entry.names("columns");
    List<String> ignoreColumns = entry.names("ignore-columns");
    if (!columns.isEmpty() && !ignoreColumns.isEmpty()) {
      throw entry.error(
          "ignore-columns",
          table + ": give either columns or ignore-columns, not both; remove one of the keys");
    }
    String where = entry.string("where", "an SQL condition").orElse(null);
    Settle settle = LiveKeys.settle(entry, table);
    List<String> mask = MaskKeys.columns(entry, table, key);
    try {
      return new TableSpec(table, key, columns, ignoreColumns, where, settle, mask);
    } catch (IllegalArgumentException e) {
      throw entry.error(e.getMessage());
    }
  }

  private static TableRef tableRef(YamlSection section, Node at, String text) {
    if (text.isBlank()) {
      throw section.error(at, "a tables entry is empty; write schema.table, e.g. public.users");
    }
    try {
      return TableRef.parse(text);
    } catch (IllegalArgumentException e) {
      throw section.error(at, e.getMessage());
    }
  }

  private static Tuning tuning(YamlSection job) {
    Tuning defaults = Tuning.defaults();
    String range = "between 1 and " + Tuning.MAX_THREADS;
    Optional<Integer> fixedThreads =
        job.integerOrWord("threads", 1, Tuning.MAX_THREADS, range, Tuning.AUTO);
    boolean autoThreads = fixedThreads.isEmpty() && job.string("threads", "").isPresent();
    Optional<Integer> maxThreads = job.integer("max-threads", 1, Tuning.MAX_THREADS, range);
    if (maxThreads.isPresent() && !autoThreads) {
      int threads = fixedThreads.orElse(defaults.threads());
      throw job.error(
          "max-threads",
          String.format(
              "max-threads %d caps only threads: auto, but threads is %d%s; remove max-threads or"
                  + " write threads: auto",
              maxThreads.get(), threads, fixedThreads.isEmpty() ? " (the default)" : ""));
    }
    Tuning tuning = tuningWithFixedThreads(job, defaults, fixedThreads.orElse(defaults.threads()));
    return autoThreads
        ? tuning.withAutoThreads(maxThreads.orElse(Tuning.DEFAULT_MAX_THREADS))
        : tuning;
  }

  private static Tuning tuningWithFixedThreads(YamlSection job, Tuning defaults, int threads) {
    try {
      return new Tuning(
          threads,
          job.integer(
                  "chunk-rows",
                  Tuning.MIN_CHUNK_ROWS,
                  Tuning.MAX_CHUNK_ROWS,
                  "between " + Tuning.MIN_CHUNK_ROWS + " and " + Tuning.MAX_CHUNK_ROWS)
              .orElse(defaults.chunkRows()),
          job.integer("max-divergences", 1, Integer.MAX_VALUE, "of at least 1")
              .orElse(defaults.maxDivergences()),
          job.duration("statement-timeout").orElse(defaults.statementTimeout()),
          job.duration("lock-timeout").orElse(defaults.lockTimeout()),
          LiveKeys.tuning(job));
    } catch (IllegalArgumentException e) {
      throw job.error(e.getMessage());
    }
  }

  private static MetricsTargets metrics(YamlSection job) {
    Path file =
        job.string("metrics-file", "a file path ending in .prom")
            .map(
                text -> {
                  try {
                    return Path.of(text);
                  } catch (InvalidPathException e) {
                    throw job.error(
                        job.value("metrics-file").get(),
                        "metrics-file is not a valid path: " + e.getReason());
                  }
                })
            .orElse(null);
    String pushgateway = job.string("pushgateway", "an http(s) URL").orElse(null);
    try {
      return MetricsTargets.of(file, pushgateway);
    } catch (IllegalArgumentException e) {
      throw job.error(
          job.value(
                  file != null && !file.toString().endsWith(".prom")
                      ? "metrics-file"
                      : "pushgateway")
              .get(),
          e.getMessage());
    }
  }

  private static Path path(YamlSection job, String text) {
    try {
      return Path.of(text);
    } catch (InvalidPathException e) {
      throw job.error(job.value("out").get(), "out is not a valid folder path: " + e.getReason());
    }
  }
}
