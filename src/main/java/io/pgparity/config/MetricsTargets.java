package io.pgparity.config;

import static com.google.common.base.Preconditions.checkArgument;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;

/**
 * Where a run's metrics go: {@code file} for node_exporter's textfile collector (a name ending in
 * .prom), {@code pushgateway} the base URL of a Prometheus Pushgateway; either may be null.
 */
public record MetricsTargets(Path file, URI pushgateway) {

  /** No metrics written or pushed. */
  public static final MetricsTargets NONE = new MetricsTargets(null, null);

  public MetricsTargets {
    checkArgument(
        file == null
            || (file.getFileName() != null && file.getFileName().toString().endsWith(".prom")),
        "metrics-file must name a file ending in .prom (node_exporter's textfile collector reads only those)"
            + " but was '%s'; e.g. /var/lib/node_exporter/textfile/pgparity-auth.prom",
        file);
    checkArgument(
        pushgateway == null
            || (("http".equals(pushgateway.getScheme()) || "https".equals(pushgateway.getScheme()))
                && pushgateway.getHost() != null
                && pushgateway.getRawQuery() == null),
        "pushgateway must be an http(s) URL without a query, such as http://pushgateway:9091, but was '%s'",
        pushgateway);
  }

  /** Targets from option or key text; {@code pushgateway} is parsed as a URL. */
  public static MetricsTargets of(Path file, String pushgateway) {
    if (pushgateway == null) {
      return new MetricsTargets(file, null);
    }
    try {
      return new MetricsTargets(file, new URI(pushgateway));
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          "pushgateway must be an http(s) URL such as http://pushgateway:9091 but was '"
              + pushgateway
              + "' ("
              + e.getReason()
              + ")");
    }
  }

  /** This, with {@code other}'s targets where it gives one (the command line over the job file). */
  public MetricsTargets overriddenBy(MetricsTargets other) {
    return new MetricsTargets(
        other.file != null ? other.file : file,
        other.pushgateway != null ? other.pushgateway : pushgateway);
  }

  /** True when there is somewhere to send metrics. */
  public boolean any() {
    return file != null || pushgateway != null;
  }
}
