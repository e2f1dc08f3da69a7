package io.pgparity.compare;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgparity.testing.TestServers;
import java.util.List;
import java.util.TimeZone;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Session defaults that differ between a primary and a replica database, each set where it reaches
 * a pgjdbc session. pgjdbc's startup packet sends TimeZone (the JVM's zone) and DateStyle ISO,
 * which outrank database and role defaults and URL options, and pgjdbc refuses a session whose
 * DateStyle stops beginning with ISO; so only the date order can differ. IntervalStyle, float
 * digits, bytea output and search path are database defaults, the primary's date order is a URL
 * option, the JVM zone is changed around the run, and on PostgreSQL 17 and newer a login event
 * trigger gives the replica's sessions another TimeZone and date order after the startup packet, as
 * a server-side hook would. Before 17 nothing gives two pgjdbc sessions of one JVM different time
 * zones.
 */
final class SessionDefaults {

  /** The JVM zone during the runs: pgjdbc sends it as both sides' session TimeZone. */
  static final String JVM_ZONE = "Asia/Tokyo";

  /** The replica's zone from its login trigger (a half-hour offset), PostgreSQL 17 and newer. */
  static final String TRIGGER_ZONE = "America/St_Johns";

  private static final List<String> PRIMARY_DEFAULTS =
      List.of(
          "IntervalStyle = 'sql_standard'",
          "extra_float_digits = 0",
          "bytea_output = 'escape'",
          "search_path = \"$user\"");
  private static final String PRIMARY_OPTIONS = "&options=-c%20DateStyle=SQL,DMY";
  private static final String PROBE =
      "SELECT concat_ws(' | ', current_setting('TimeZone'), current_setting('DateStyle'), current_setting('IntervalStyle'),"
          + " current_setting('extra_float_digits'), current_setting('bytea_output'), current_setting('search_path'))";

  private SessionDefaults() {}

  /** The primary's URL with its session options. */
  static String primaryUrl(String url) {
    return url + PRIMARY_OPTIONS;
  }

  /**
   * Sets both databases' defaults (after their tables exist: CREATE EXTENSION needs a schema in
   * search_path, which the primary's lacks) and asserts that a new session of each side sees them.
   */
  static void apply(
      String primaryUrl,
      String primaryDatabase,
      String replicaUrl,
      String replicaDatabase,
      String replicaSchema,
      int replicaMajor) {
    DataSource primary = dataSource(primaryUrl(primaryUrl));
    DataSource replica = dataSource(replicaUrl);
    PRIMARY_DEFAULTS.forEach(
        s -> TestServers.exec(primary, "ALTER DATABASE " + primaryDatabase + " SET " + s));
    List.of(
            "IntervalStyle = 'iso_8601'",
            "extra_float_digits = -15",
            "bytea_output = 'hex'",
            "search_path = " + replicaSchema + ", public")
        .forEach(s -> TestServers.exec(replica, "ALTER DATABASE " + replicaDatabase + " SET " + s));
    if (replicaMajor >= 17) {
      TestServers.exec(
          replica,
          "CREATE FUNCTION public.pgparity_test_login() RETURNS event_trigger LANGUAGE plpgsql AS $$"
              + " BEGIN PERFORM set_config('TimeZone', '"
              + TRIGGER_ZONE
              + "', false);"
              + " PERFORM set_config('DateStyle', 'ISO, YMD', false); END $$;"
              + " CREATE EVENT TRIGGER pgparity_test_login ON login EXECUTE FUNCTION public.pgparity_test_login()");
    }
    inJvmZone(
        () -> {
          assertThat(TestServers.query(primary, PROBE))
              .as("the primary's session settings")
              .isEqualTo(JVM_ZONE + " | ISO, DMY | sql_standard | 0 | escape | \"$user\"");
          assertThat(TestServers.query(replica, PROBE))
              .as("the replica's session settings")
              .isEqualTo(
                  (replicaMajor >= 17 ? TRIGGER_ZONE + " | ISO, YMD" : JVM_ZONE + " | ISO, MDY")
                      + " | iso_8601 | -15 | hex | "
                      + replicaSchema
                      + ", public");
          return null;
        });
  }

  /** Runs with the JVM's default zone set to {@link #JVM_ZONE}, then restores it. */
  static <T> T inJvmZone(Supplier<T> run) {
    TimeZone before = TimeZone.getDefault();
    TimeZone.setDefault(TimeZone.getTimeZone(JVM_ZONE));
    try {
      return run.get();
    } finally {
      TimeZone.setDefault(before);
    }
  }

  private static DataSource dataSource(String url) {
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setURL(url);
    return dataSource;
  }
}
