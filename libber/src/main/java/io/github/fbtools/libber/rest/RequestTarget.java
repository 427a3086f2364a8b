package io.github.fbtools.libber.rest;

import io.github.fbtools.core.InvalidNameException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import javax.annotation.Nullable;

/**
 * The request target of one HTTP request, read and checked by this server from the target as sent
 * (RFC 9112, section 3.2), so that every problem is answered in the API's error shape:
 *
 * <ul>
 *   <li>origin form ({@code /path?query}): the path is everything up to the first {@code ?} (or
 *       {@code #}, a fragment a client should not send and which is ignored), as sent. A target
 *       such as {@code //x/fbtools/libber/list} is that path, not a URI with the authority {@code
 *       x};
 *   <li>absolute form ({@code http://host:port/path?query}, which HTTP/1.1 servers must accept):
 *       the path and query of the URI, and its authority, which then stands for the {@code Host}
 *       header (RFC 9112, section 3.2.2) and passes the same allow-list;
 *   <li>anything else (also {@code *} and a target with a character a URI cannot hold, such as a
 *       space, a control character, {@code <} or a byte over 0x7f, or a {@code %} not followed by
 *       two hex digits) is a 400 ({@link ApiException}) that names the problem and its index.
 * </ul>
 *
 * <p>Percent-decoding is not done here: {@link FbToolsApi} decodes each path segment, and {@link
 * ApiRequest#parseQuery} the query, strictly (400 for bytes that are not UTF-8).
 *
 * <pre>{@code
 * RequestTarget t = RequestTarget.parse("/fbtools/libber/list?x=1");
 * String path = t.rawPath(); // "/fbtools/libber/list"
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
   * Reads and checks a request target.
   *
   * @param raw the target as sent (ISO-8859-1 characters, one per byte)
   * @return the target
   * @throws ApiException 400 if it is neither a valid origin-form target nor an absolute http URI
   */
  static RequestTarget parse(String raw) {
    if (raw.startsWith("/")) {
      checkCharacters(raw, false);
      int end = firstOf(raw, '?', '#');
      String path = end < 0 ? raw : raw.substring(0, end);
      String query = null;
      if (end >= 0 && raw.charAt(end) == '?') {
        int hash = raw.indexOf('#', end);
        query = hash < 0 ? raw.substring(end + 1) : raw.substring(end + 1, hash);
      }
      return new RequestTarget(path, query, null);
    }
    int colon = raw.indexOf("://");
    if (colon > 0) {
      String scheme = raw.substring(0, colon).toLowerCase(Locale.ROOT);
      if (scheme.equals("http") || scheme.equals("https")) {
        checkCharacters(raw, true);
        URI uri;
        try {
          uri = new URI(raw);
        } catch (URISyntaxException e) {
          throw ApiException.badRequest(
              "request target " + InvalidNameException.echo(raw) + ": " + e.getReason());
        }
        if (uri.getRawAuthority() != null && uri.getRawUserInfo() == null) {
          String path = uri.getRawPath();
          return new RequestTarget(
              path == null || path.isEmpty() ? "/" : path,
              uri.getRawQuery(),
              uri.getRawAuthority());
        }
      }
    }
    throw ApiException.badRequest(
        "the request target must be a path starting with '/' (or an absolute http URI), not "
            + InvalidNameException.echo(raw));
  }

  /**
   * Checks that every character is one a URI may hold (RFC 3986: unreserved, sub-delims, {@code
   * :@/?#}, {@code []} in an absolute URI's authority) and that each {@code %} starts a
   * percent-encoded byte.
   */
  private static void checkCharacters(String raw, boolean absolute) {
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '%') {
        if (i + 2 >= raw.length() || !isHex(raw.charAt(i + 1)) || !isHex(raw.charAt(i + 2))) {
          throw ApiException.badRequest(
              "request target " + InvalidNameException.echo(raw)
                  + ": bad percent-encoding at index " + i);
        }
        i += 2;
      } else if (!isUriChar(c) && !(absolute && (c == '[' || c == ']'))) {
        throw ApiException.badRequest(
            "request target " + InvalidNameException.echo(raw) + ": character "
                + String.format(Locale.ROOT, "0x%02x", (int) c)
                + " is not allowed in a URI, at index " + i);
      }
    }
  }

  private static boolean isHex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  private static boolean isUriChar(char c) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
      return true;
    }
    return "-._~!$&'()*+,;=:@/?#".indexOf(c) >= 0;
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
