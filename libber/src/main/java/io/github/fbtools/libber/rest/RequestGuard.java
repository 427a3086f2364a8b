package io.github.fbtools.libber.rest;

import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import io.github.fbtools.core.InvalidNameException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import javax.annotation.Nullable;

/**
 * The browser-facing rules of {@link FbToolsHttpServer}, checked on the request head before any
 * body is read or any handler runs:
 *
 * <ol>
 *   <li>{@code Host} must be an allowed name ({@code 127.0.0.1}, {@code localhost}, {@code [::1]}
 *       and the names added), with no port or the server's port; else 403 (DNS rebinding);
 *   <li>an {@code Origin}, when sent, must be the server's own origin or one allowed explicitly;
 *       {@code Origin: null} is refused; {@code Sec-Fetch-Site: cross-site} (any case) is refused
 *       unless the origin was allowed explicitly; else 403;
 *   <li>a CORS preflight ({@code OPTIONS} with {@code Access-Control-Request-Method}) is approved
 *       (204) only for an explicitly allowed origin, naming exactly that origin; else 403;
 *   <li>with a bearer token configured, {@code Authorization: Bearer <token>} (compared in
 *       constant time, over SHA-256 digests so that not even the length leaks); else 401. The one
 *       exception is a request the caller marks as public: the browser editor's fixed static files,
 *       which hold no data, so that the page can load and then ask its user for the token;
 *   <li>a {@code POST} must carry {@code Content-Type: application/json} (a {@code charset}
 *       parameter, if any, must be UTF-8); else 415.
 * </ol>
 *
 * <p>Clients that are not browsers send no {@code Origin} and a loopback {@code Host}, so they pass.
 * Immutable and thread-safe.
 */
final class RequestGuard {
  /** The names every server answers to. */
  static final List<String> LOOPBACK_HOSTS = List.of("127.0.0.1", "localhost", "[::1]");

  private final ImmutableSet<String> hosts;
  private final ImmutableSet<String> origins;
  @Nullable private final byte[] tokenDigest;
  private final int port;

  /** What the guard decided: a refusal to send at once, or headers to add to the answer. */
  static final class Verdict {
    @Nullable final ApiResponse refusal;
    final Map<String, String> headers;

    private Verdict(@Nullable ApiResponse refusal, Map<String, String> headers) {
      this.refusal = refusal;
      this.headers = headers;
    }
  }

  private static final Verdict PASS = new Verdict(null, Map.of());

  /**
   * Creates the guard.
   *
   * @param extraHosts more names (lower case; {@code name} or {@code name:port})
   * @param origins explicitly allowed origins, already normalised with {@link #normalizeOrigin}
   * @param token the bearer token, or null for none
   * @param port the server's port
   */
  RequestGuard(Set<String> extraHosts, Set<String> origins, @Nullable String token, int port) {
    this.hosts =
        ImmutableSet.<String>builder().addAll(LOOPBACK_HOSTS).addAll(extraHosts).build();
    this.origins = ImmutableSet.copyOf(origins);
    this.tokenDigest = token == null ? null : sha256(token);
    this.port = port;
  }

  /**
   * Checks one request head.
   *
   * @param method the request method
   * @param header all values of a header by its name (any case), or null if absent
   * @param publicAsset true for a request of one of the editor's fixed static files, which needs
   *     no bearer token (every other rule still applies)
   * @return the verdict
   */
  Verdict check(String method, Function<String, List<String>> header, boolean publicAsset) {
    ApiResponse hostProblem = checkHost(header.apply("Host"));
    if (hostProblem != null) {
      return refuse(hostProblem);
    }
    List<String> originValues = header.apply("Origin");
    String allowedOrigin = null;
    if (originValues != null && !originValues.isEmpty()) {
      if (originValues.size() > 1) {
        return refuse(ApiResponse.error(403, "more than one Origin header"));
      }
      String origin = originValues.get(0).trim();
      if (origin.equalsIgnoreCase("null")) {
        return refuse(
            ApiResponse.error(
                403,
                "Origin null is refused (sandboxed frames, file: pages and some redirects send"
                    + " it)"));
      }
      String normalized = normalizeOrigin(origin);
      if (normalized != null && origins.contains(normalized)) {
        allowedOrigin = origin;
      } else if (normalized == null || !isOwnOrigin(normalized)) {
        return refuse(
            ApiResponse.error(
                403,
                "Origin "
                    + InvalidNameException.echo(origin)
                    + " is not allowed: only pages served by this server may call it (allow"
                    + " another origin with --allow-origin)"));
      }
    }
    List<String> fetchSite = header.apply("Sec-Fetch-Site");
    if (fetchSite != null && allowedOrigin == null) {
      for (String v : fetchSite) {
        if (v.trim().equalsIgnoreCase("cross-site")) {
          return refuse(
              ApiResponse.error(
                  403, "cross-site requests are refused (Sec-Fetch-Site: cross-site)"));
        }
      }
    }
    Map<String, String> cors =
        allowedOrigin == null
            ? Map.of()
            : ImmutableMap.of("Access-Control-Allow-Origin", allowedOrigin, "Vary", "Origin");
    if (method.equals("OPTIONS") && header.apply("Access-Control-Request-Method") != null) {
      if (allowedOrigin == null) {
        return refuse(
            ApiResponse.error(
                403,
                "cross-origin requests are not approved: no origin was allowed (see"
                    + " --allow-origin)"));
      }
      LinkedHashMap<String, String> h = new LinkedHashMap<>(cors);
      h.put("Access-Control-Allow-Methods", "GET, POST");
      h.put("Access-Control-Allow-Headers", "Content-Type, Authorization");
      h.put("Access-Control-Max-Age", "600");
      ApiResponse preflight = ApiResponse.of(204, Map.of());
      for (Map.Entry<String, String> e : h.entrySet()) {
        preflight = preflight.withHeader(e.getKey(), e.getValue());
      }
      return refuse(preflight);
    }
    if (tokenDigest != null && !publicAsset && !hasToken(header.apply("Authorization"))) {
      return new Verdict(
          ApiResponse.error(401, "a valid \"Authorization: Bearer <token>\" header is required")
              .withHeader("WWW-Authenticate", "Bearer"),
          cors);
    }
    if (method.equals("POST")) {
      String problem = contentTypeProblem(header.apply("Content-Type"));
      if (problem != null) {
        return new Verdict(ApiResponse.error(415, problem), cors);
      }
    }
    return cors.isEmpty() ? PASS : new Verdict(null, cors);
  }

  private static Verdict refuse(ApiResponse r) {
    return new Verdict(r, Map.of());
  }

  @Nullable
  private ApiResponse checkHost(@Nullable List<String> values) {
    if (values == null || values.isEmpty()) {
      return ApiResponse.error(400, "a Host header is required");
    }
    if (values.size() > 1) {
      return ApiResponse.error(400, "more than one Host header");
    }
    String host = values.get(0).trim().toLowerCase(Locale.ROOT);
    if (isAllowedHost(host)) {
      return null;
    }
    return ApiResponse.error(
        403,
        "Host "
            + InvalidNameException.echo(values.get(0).trim())
            + " is not allowed: this server answers to "
            + String.join(", ", hosts)
            + " (allow more names with --allow-host)");
  }

  /** {@code host} is lower case: {@code name}, {@code name:port}, {@code [v6]} or {@code [v6]:port}. */
  private boolean isAllowedHost(String host) {
    if (host.isEmpty()) {
      return false;
    }
    if (hosts.contains(host)) {
      return true;
    }
    int colon = host.lastIndexOf(':');
    int bracket = host.lastIndexOf(']');
    if (colon <= 0 || colon < bracket) {
      return false;
    }
    String name = host.substring(0, colon);
    String p = host.substring(colon + 1);
    return p.equals(Integer.toString(port)) && hosts.contains(name);
  }

  /** {@code origin} is normalised: {@code scheme://host[:port]}, lower case. */
  private boolean isOwnOrigin(String origin) {
    String prefix = "http://";
    if (!origin.startsWith(prefix)) {
      return false;
    }
    String hostPort = origin.substring(prefix.length());
    if (isAllowedHost(hostPort) && hostPort.lastIndexOf(':') > hostPort.lastIndexOf(']')) {
      return true; // an explicit port: the server's, or one allowed with the name
    }
    // Browsers leave out the default port.
    return port == 80 && isAllowedHost(hostPort);
  }

  private boolean hasToken(@Nullable List<String> values) {
    if (values == null || values.size() != 1) {
      return false;
    }
    String v = values.get(0).trim();
    int space = v.indexOf(' ');
    if (space < 0 || !v.substring(0, space).equalsIgnoreCase("Bearer")) {
      return false;
    }
    byte[] presented = sha256(v.substring(space + 1).trim());
    return MessageDigest.isEqual(presented, tokenDigest);
  }

  @Nullable
  private static String contentTypeProblem(@Nullable List<String> values) {
    if (values == null || values.isEmpty()) {
      return "a POST must have \"Content-Type: application/json\" (none was sent)";
    }
    String value = values.get(0);
    String[] parts = value.split(";", -1);
    boolean ok = values.size() == 1 && parts[0].trim().equalsIgnoreCase("application/json");
    for (int i = 1; ok && i < parts.length; i++) {
      String p = parts[i].trim();
      int eq = p.indexOf('=');
      if (eq > 0 && p.substring(0, eq).trim().equalsIgnoreCase("charset")) {
        String cs = p.substring(eq + 1).trim();
        if (cs.length() >= 2 && cs.startsWith("\"") && cs.endsWith("\"")) {
          cs = cs.substring(1, cs.length() - 1);
        }
        ok = cs.equalsIgnoreCase("utf-8");
      }
    }
    return ok
        ? null
        : "a POST must have \"Content-Type: application/json\" (UTF-8), not "
            + InvalidNameException.echo(value);
  }

  /**
   * Normalises an origin for comparison: {@code scheme://host[:port]} in lower case, without a
   * trailing slash; null if it is not of that form.
   *
   * @param origin an origin as sent or configured
   * @return the normalised origin, or null
   */
  @Nullable
  static String normalizeOrigin(String origin) {
    String o = origin.trim().toLowerCase(Locale.ROOT);
    if (o.endsWith("/")) {
      o = o.substring(0, o.length() - 1);
    }
    int scheme = o.indexOf("://");
    if (scheme <= 0) {
      return null;
    }
    String s = o.substring(0, scheme);
    String rest = o.substring(scheme + 3);
    if (!s.equals("http") && !s.equals("https")) {
      return null;
    }
    if (rest.isEmpty() || rest.contains("/") || rest.contains("?") || rest.contains("#")
        || rest.contains("@")) {
      return null;
    }
    return o;
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
