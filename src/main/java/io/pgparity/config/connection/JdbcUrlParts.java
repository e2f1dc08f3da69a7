package io.pgparity.config.connection;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parts of a pgjdbc URL that a ~/.pgpass line is matched against, parsed the way pgjdbc does:
 * {@code jdbc:postgresql://host1:port1,host2/database?user=u&...}, or {@code
 * jdbc:postgresql:database} for localhost. Hosts default to localhost, ports to 5432.
 */
record JdbcUrlParts(List<HostPort> hosts, String database, Map<String, String> parameters) {

  static final String PREFIX = "jdbc:postgresql:";

  /** One server address; the host without IPv6 brackets, the port as written. */
  record HostPort(String host, String port) {}

  JdbcUrlParts {
    hosts = List.copyOf(hosts);
    parameters = Map.copyOf(parameters);
  }

  /** The user name parameter, or null. */
  String user() {
    return parameters.get("user");
  }

  /** Parses {@code url}; throws IllegalArgumentException when it is not a pgjdbc URL. */
  static JdbcUrlParts parse(String url) {
    if (url == null || !url.startsWith(PREFIX)) {
      throw new IllegalArgumentException("not a jdbc:postgresql: url");
    }
    String rest = url.substring(PREFIX.length());
    int question = rest.indexOf('?');
    String query = question < 0 ? "" : rest.substring(question + 1);
    String server = question < 0 ? rest : rest.substring(0, question);
    Map<String, String> parameters = new LinkedHashMap<>();
    for (String pair : query.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      String name = equals < 0 ? pair : pair.substring(0, equals);
      String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
      parameters.put(name, value);
    }
    List<HostPort> hosts = new ArrayList<>();
    String database;
    if (server.startsWith("//")) {
      server = server.substring(2);
      int slash = server.indexOf('/');
      String addresses = slash < 0 ? server : server.substring(0, slash);
      database = slash < 0 ? "" : decode(server.substring(slash + 1));
      for (String address : addresses.split(",")) {
        hosts.add(hostPort(address));
      }
    } else {
      database = decode(server);
      hosts.add(new HostPort("localhost", "5432"));
    }
    return new JdbcUrlParts(hosts, database, parameters);
  }

  private static HostPort hostPort(String address) {
    String host = address;
    String port = "5432";
    int colon = address.lastIndexOf(':');
    if (colon >= 0 && address.lastIndexOf(']') < colon) {
      host = address.substring(0, colon);
      port = address.substring(colon + 1);
    }
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    return new HostPort(host.isEmpty() ? "localhost" : host, port.isEmpty() ? "5432" : port);
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return text;
    }
  }
}
