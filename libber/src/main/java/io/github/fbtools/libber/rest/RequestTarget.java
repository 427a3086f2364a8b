package io.github.fbtools.libber.rest;

import io.github.fbtools.core.InvalidNameException;
import java.net.URI;
import java.util.Locale;
import javax.annotation.Nullable;

/**
 * The request target of one HTTP request, read by this server from the target as sent instead of
 * from the JDK's parsed {@link URI}, so that every problem is answered in the API's error shape:
 *
 * <ul>
 *   <li>origin form ({@code /path?query}): the path is everything up to the first {@code ?} (or
 *       {@code #}), as sent. A target such as {@code //x/fbtools/libber/list} is that path, not a
 *       URI with the authority {@code x} and the path {@code /fbtools/libber/list}, which is what
 *       {@link URI} would make of it;
 *   <li>absolute form ({@code http://host:port/path?query}, which HTTP/1.1 servers must accept):
 *       the path and query of the URI, and its authority, which then stands for the {@code Host}
 *       header (RFC 9112, section 3.2.2) and passes the same allow-list;
 *   <li>anything else is a 400 ({@link ApiException}).
 * </ul>
 *
 * <p>Percent-decoding is not done here: {@link FbToolsApi} decodes each path segment, and {@link
 * ApiRequest#parseQuery} the query, strictly (400 for bytes that are not UTF-8). What the JDK's
 * parser refuses before any handler runs (a target that is not a URI at all, such as {@code
 * /a%zz}) is listed in the project's {@code docs/rest.md}, section "Errors the JDK answers".
 *
 * <pre>{@code
 * RequestTarget t = RequestTarget.of(exchange.getRequestURI());
 * String path = t.rawPath();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param rawPath the path as sent, percent-encoded, starting with {@code /}
 * @param rawQuery the query as sent, or null for none
 * @param authority the authority of an absolute-form target, or null
 */
record RequestTarget(String rawPath, @Nullable String rawQuery, @Nullable String authority) {

  /**
   * Reads a request target.
   *
   * @param uri the target as the JDK parsed it; its string form is the target as sent
   * @return the target
   * @throws ApiException 400 if it is neither in origin form nor an absolute http URI
   */
  static RequestTarget of(URI uri) {
    String raw = uri.toString();
    if (raw.startsWith("/")) {
      int end = firstOf(raw, '?', '#');
      String path = end < 0 ? raw : raw.substring(0, end);
      String query = null;
      if (end >= 0 && raw.charAt(end) == '?') {
        int hash = raw.indexOf('#', end);
        query = hash < 0 ? raw.substring(end + 1) : raw.substring(end + 1, hash);
      }
      return new RequestTarget(path, query, null);
    }
    String scheme = uri.getScheme();
    if (scheme != null
        && !uri.isOpaque()
        && (scheme.toLowerCase(Locale.ROOT).equals("http")
            || scheme.toLowerCase(Locale.ROOT).equals("https"))
        && uri.getRawAuthority() != null
        && uri.getRawUserInfo() == null) {
      String path = uri.getRawPath();
      return new RequestTarget(
          path == null || path.isEmpty() ? "/" : path, uri.getRawQuery(), uri.getRawAuthority());
    }
    throw ApiException.badRequest(
        "the request target must be a path starting with '/' (or an absolute http URI), not "
            + InvalidNameException.echo(raw));
  }

  private static int firstOf(String s, char a, char b) {
    int i = s.indexOf(a);
    int j = s.indexOf(b);
    if (i < 0) {
      return j;
    }
    return j < 0 ? i : Math.min(i, j);
  }
}
