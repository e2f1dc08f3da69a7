package io.pgparity.version;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version of this build, from the Maven-filtered pgparity-version.properties resource. */
public final class Version {

  private static final String RESOURCE = "/pgparity-version.properties";

  private Version() {}

  /** The project version, or "unknown" when running from unfiltered sources (e.g. an IDE). */
  public static String current() {
    try (InputStream in = Version.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        return "unknown";
      }
      Properties properties = new Properties();
      properties.load(in);
      String version = properties.getProperty("version", "").trim();
      boolean filtered = !version.isEmpty() && !version.contains("@") && !version.contains("${");
      return filtered ? version : "unknown";
    } catch (IOException e) {
      return "unknown";
    }
  }
}
