package io.github.fbtools.libber.rest;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableMap;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.annotation.Nullable;

/**
 * One REST request as {@link FbToolsApi} sees it: the method, the path, the query parameters and
 * the body. Any HTTP server can build one from its own request type.
 *
 * <p>The path is given <em>as sent</em>, still percent-encoded (for example {@code
 * /fbtools/prompts/discover/my%20scene}); the router splits it on {@code /} first and then
 * decodes each segment, so an encoded {@code %2F} can never add a segment. Query parameters are
 * given decoded ({@link #parseQuery(String)} decodes a raw query string). The body is JSON in
 * UTF-8; an empty body counts as {@code {}}.
 *
 * <!-- given: FbToolsApi api; String id -->
 * <pre>{@code
 * ApiRequest get = ApiRequest.get("/fbtools/prompts/list_names", Map.of("session_id", id));
 * ApiRequest post = ApiRequest.post("/fbtools/prompts/create", "{}");
 * ApiResponse response = api.handle(post);
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class ApiRequest {
  private final String method;
  private final String path;
  private final ImmutableMap<String, String> query;
  private final byte[] body;

  private ApiRequest(String method, String path, Map<String, String> query, byte[] body) {
    this.method = checkNotNull(method, "method must not be null");
    this.path = checkNotNull(path, "path must not be null");
    this.query = ImmutableMap.copyOf(checkNotNull(query, "query must not be null"));
    this.body = checkNotNull(body, "body must not be null").clone();
  }

  /**
   * Creates a request.
   *
   * @param method the HTTP method, for example {@code "POST"} (compared exactly: methods are
   *     case-sensitive)
   * @param path the path as sent, percent-encoded, without the query
   * @param query the decoded query parameters
   * @param body the body bytes (UTF-8 JSON), possibly empty
   * @return the request
   */
  public static ApiRequest of(String method, String path, Map<String, String> query, byte[] body) {
    return new ApiRequest(method, path, query, body);
  }

  /**
   * Creates a {@code GET} request without a body.
   *
   * @param path the path as sent, percent-encoded
   * @param query the decoded query parameters
   * @return the request
   */
  public static ApiRequest get(String path, Map<String, String> query) {
    return new ApiRequest("GET", path, query, new byte[0]);
  }

  /**
   * Creates a {@code POST} request with a JSON body.
   *
   * @param path the path as sent, percent-encoded
   * @param json the body text
   * @return the request
   */
  public static ApiRequest post(String path, String json) {
    return new ApiRequest("POST", path, Map.of(), json.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Returns the HTTP method.
   *
   * @return the method as given
   */
  public String method() {
    return method;
  }

  /**
   * Returns the path as sent, percent-encoded.
   *
   * @return the path
   */
  public String path() {
    return path;
  }

  /**
   * Returns the decoded query parameters.
   *
   * @return an unmodifiable map
   */
  public Map<String, String> query() {
    return query;
  }

  /**
   * Returns a copy of the body.
   *
   * @return the body bytes, possibly empty
   */
  public byte[] body() {
    return body.clone();
  }

  /**
   * Returns the body's length in bytes.
   *
   * @return the length
   */
  public int bodyLength() {
    return body.length;
  }

  /** The body without a copy, for the router. */
  byte[] rawBody() {
    return body;
  }

  /**
   * Decodes a raw query string such as {@code session_id=abc&x=a%20b} ({@code +} means a space,
   * as in HTML forms). A parameter without {@code =} has the empty value.
   *
   * @param rawQuery the query as sent, without the {@code ?}, or null for none
   * @return the parameters in order
   * @throws IllegalArgumentException if an escape is malformed, the result is not UTF-8, or a name
   *     occurs twice
   */
  public static Map<String, String> parseQuery(@Nullable String rawQuery) {
    LinkedHashMap<String, String> out = new LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return out;
    }
    for (String pair : rawQuery.split("&", -1)) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq), true);
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1), true);
      checkArgument(
          out.putIfAbsent(name, value) == null, "query parameter '%s' is given twice", name);
    }
    return out;
  }

  /**
   * Percent-decodes one path segment or query component strictly.
   *
   * @param s the encoded text
   * @param plusIsSpace whether {@code +} stands for a space (query strings) or itself (paths)
   * @return the decoded text
   * @throws IllegalArgumentException if an escape is malformed or the bytes are not UTF-8
   */
  static String decode(String s, boolean plusIsSpace) {
    if (s.indexOf('%') < 0 && !(plusIsSpace && s.indexOf('+') >= 0)) {
      return s;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '%') {
        checkArgument(
            i + 2 < s.length() && hex(s.charAt(i + 1)) >= 0 && hex(s.charAt(i + 2)) >= 0,
            "malformed percent-encoding at offset %s",
            i);
        bytes.write(hex(s.charAt(i + 1)) * 16 + hex(s.charAt(i + 2)));
        i += 2;
      } else if (c == '+' && plusIsSpace) {
        bytes.write(' ');
      } else {
        byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        if (Character.isHighSurrogate(c) && i + 1 < s.length()) {
          b = s.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
          i++;
        }
        bytes.write(b, 0, b.length);
      }
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes.toByteArray()))
          .toString();
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("percent-encoded bytes are not UTF-8", e);
    }
  }

  private static int hex(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }

  /**
   * Shows the method, the path (at most 200 characters) and the body's length.
   *
   * @return a description for logs
   */
  @Override
  public String toString() {
    String p = path.length() > 200 ? path.substring(0, 200) + "..." : path;
    return "ApiRequest[" + method + " " + p + ", " + body.length + " body bytes]";
  }
}
