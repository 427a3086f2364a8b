package io.github.fbtools.libber.rest;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableMap;
import io.github.fbtools.core.json.FbJson;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One REST response of {@link FbToolsApi}: a status code, a JSON object body and a few headers.
 *
 * <p>Every body is a JSON object. A success carries {@code "success": true} and the new state; an
 * error has the one shape {@code {"success": false, "error": "..."}} (a 409 adds {@code version}
 * and the current state). The body is given both as {@link FbJson}'s value model ({@link
 * #body()}) and serialized compactly in UTF-8 ({@link #bodyBytes()}), ready to send with {@link
 * #CONTENT_TYPE}.
 *
 * <!-- given: FbToolsApi api; ApiRequest request; com.sun.net.httpserver.HttpExchange exchange -->
 * <pre>{@code
 * ApiResponse r = api.handle(request);
 * exchange.sendResponseHeaders(r.status(), r.bodyLength());
 * exchange.getResponseBody().write(r.bodyBytes());
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class ApiResponse {
  /** The content type of every body. */
  public static final String CONTENT_TYPE = "application/json; charset=utf-8";

  private final int status;
  private final Map<String, Object> body;
  private final byte[] bytes;
  private final ImmutableMap<String, String> headers;

  private ApiResponse(int status, Map<String, ?> body, Map<String, String> headers) {
    checkArgument(status >= 100 && status <= 599, "status must be in 100..599: %s", status);
    this.status = status;
    this.body = FbJson.immutableObject(body);
    this.bytes = FbJson.writeCompact(this.body).getBytes(StandardCharsets.UTF_8);
    this.headers = ImmutableMap.copyOf(headers);
  }

  /**
   * Creates a response with any status and body.
   *
   * @param status the HTTP status, 100..599
   * @param body a JSON object in {@link FbJson}'s value model (copied)
   * @return the response
   * @throws IllegalArgumentException if the status is out of range or the body holds non-JSON
   */
  public static ApiResponse of(int status, Map<String, ?> body) {
    return new ApiResponse(status, checkNotNull(body, "body must not be null"), Map.of());
  }

  /**
   * Creates a 200 response whose body is {@code {"success": true}} followed by {@code fields}.
   *
   * @param fields the response fields, in order
   * @return the response
   */
  public static ApiResponse ok(Map<String, ?> fields) {
    LinkedHashMap<String, Object> b = new LinkedHashMap<>();
    b.put("success", true);
    b.putAll(fields);
    return new ApiResponse(200, b, Map.of());
  }

  /**
   * Creates an error response {@code {"success": false, "error": message}}.
   *
   * @param status the HTTP status, 400..599
   * @param message what went wrong (no stack traces, no absolute paths)
   * @return the response
   */
  public static ApiResponse error(int status, String message) {
    return error(status, message, Map.of());
  }

  /**
   * Creates an error response {@code {"success": false, "error": message}} followed by {@code
   * fields} (for example the current state of a 409).
   *
   * @param status the HTTP status, 400..599
   * @param message what went wrong
   * @param fields more fields, in order
   * @return the response
   */
  public static ApiResponse error(int status, String message, Map<String, ?> fields) {
    checkNotNull(message, "message must not be null");
    checkNotNull(fields, "fields must not be null");
    checkArgument(status >= 400 && status <= 599, "an error status must be in 400..599: %s", status);
    LinkedHashMap<String, Object> b = new LinkedHashMap<>();
    b.put("success", false);
    b.put("error", message);
    b.putAll(fields);
    return new ApiResponse(status, b, Map.of());
  }

  /**
   * Returns a copy of this response with one more header.
   *
   * @param name the header name, for example {@code "Allow"}
   * @param value its value
   * @return the new response
   */
  public ApiResponse withHeader(String name, String value) {
    LinkedHashMap<String, String> h = new LinkedHashMap<>(headers);
    h.put(checkNotNull(name), checkNotNull(value));
    return new ApiResponse(status, body, h);
  }

  /**
   * Returns the HTTP status.
   *
   * @return the status
   */
  public int status() {
    return status;
  }

  /**
   * Returns the body as {@link FbJson}'s value model.
   *
   * @return an unmodifiable, insertion-ordered JSON object
   */
  public Map<String, Object> body() {
    return body;
  }

  /**
   * Returns the body serialized on one line (Python's {@code json.dumps} separators, non-ASCII
   * written raw), as UTF-8.
   *
   * @return a copy of the bytes
   */
  public byte[] bodyBytes() {
    return bytes.clone();
  }

  /**
   * Returns the length of {@link #bodyBytes()}.
   *
   * @return the length in bytes
   */
  public int bodyLength() {
    return bytes.length;
  }

  /** The body bytes without a copy, for the HTTP adapter. */
  byte[] rawBodyBytes() {
    return bytes;
  }

  /**
   * Returns the body as text.
   *
   * @return the JSON text
   */
  public String bodyText() {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /**
   * Returns extra headers to send besides {@code Content-Type} (for example {@code Allow} on a
   * 405).
   *
   * @return an unmodifiable map
   */
  public Map<String, String> headers() {
    return headers;
  }

  /**
   * Tells whether the status is 2xx.
   *
   * @return true for a success
   */
  public boolean isSuccess() {
    return status >= 200 && status < 300;
  }

  /**
   * Shows the status and the body (at most 500 characters).
   *
   * @return a description for logs and test failures
   */
  @Override
  public String toString() {
    String text = bodyText();
    String shown = text.length() > 500 ? text.substring(0, 500) + "..." : text;
    return "ApiResponse[" + status + " " + shown + "]";
  }
}
