package io.github.fbtools.redis;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import javax.annotation.Nullable;

/**
 * Where the Redis server is: {@code redis://[[USER]:PASSWORD@]HOST[:PORT][/DB]}, parsed and
 * checked. Immutable.
 *
 * @param host the host name or address
 * @param port 1..65535 (default 6379)
 * @param database 0..15 or more, as the server allows (default 0)
 * @param user the ACL user, or null
 * @param password the password, or null
 */
record RedisEndpoint(
    String host, int port, int database, @Nullable String user, @Nullable String password) {

  static final int DEFAULT_PORT = 6379;

  /**
   * Parses a {@code redis://} URI.
   *
   * @throws IllegalArgumentException naming what is wrong (never echoing a password)
   */
  static RedisEndpoint parse(String uri) {
    checkNotNull(uri, "uri must not be null");
    URI u;
    try {
      u = new URI(uri.trim());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          "not a redis:// URI: " + redact(uri) + " (" + e.getReason() + ")", e);
    }
    checkArgument(
        "redis".equalsIgnoreCase(u.getScheme()),
        "the Redis URI must start with redis:// (as redis://HOST:PORT/DB): %s",
        redact(uri));
    String host = u.getHost();
    if (host == null || host.isEmpty()) {
      // not checkArgument: SpotBugs would not see that host is non-null after it
      throw new IllegalArgumentException("the Redis URI has no host: " + redact(uri));
    }
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port = u.getPort() == -1 ? DEFAULT_PORT : u.getPort();
    checkArgument(port >= 1 && port <= 65535, "the Redis port must be in 1..65535: %s", port);
    int db = 0;
    String path = u.getRawPath();
    if (path != null && !path.isEmpty() && !path.equals("/")) {
      String d = path.substring(1);
      checkArgument(
          d.matches("[0-9]{1,5}"),
          "the Redis database must be a number, as in redis://HOST:PORT/0: %s",
          redact(uri));
      db = Integer.parseInt(d);
    }
    checkArgument(
        u.getRawQuery() == null && u.getRawFragment() == null,
        "the Redis URI takes no query or fragment: %s",
        redact(uri));
    String user = null;
    String password = null;
    String info = u.getRawUserInfo();
    if (info != null) {
      int colon = info.indexOf(':');
      if (colon < 0) {
        password = decode(info);
      } else {
        user = colon == 0 ? null : decode(info.substring(0, colon));
        password = decode(info.substring(colon + 1));
      }
    }
    return new RedisEndpoint(host, port, db, user, password);
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  /** The URI with any user information replaced, for messages. */
  static String redact(String uri) {
    String s = uri.replaceAll("//[^/@]*@", "//***@");
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < s.length() && i < 200; i++) {
      char c = s.charAt(i);
      sb.append(c < 0x20 || c == 0x7f ? '?' : c);
    }
    return sb.toString();
  }

  /** {@code HOST:PORT/DB}, for messages (no credentials). */
  String describe() {
    String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
    return h + ":" + port + "/" + database;
  }

  @Override
  public String toString() {
    return "redis://" + (password != null ? "***@" : "") + describe();
  }
}
