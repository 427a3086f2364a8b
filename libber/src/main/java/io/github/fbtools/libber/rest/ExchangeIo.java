package io.github.fbtools.libber.rest;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import io.github.fbtools.core.InvalidNameException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.channels.ClosedChannelException;
import java.util.Map;

/**
 * The bytes of one {@link FbToolsHttpServer} exchange: the request read into an {@link ApiRequest}
 * within the body limit, and an {@link ApiResponse} written with the headers every API answer
 * carries. Split from the server, which keeps the connection handling (admission, timeouts,
 * the request guard and the routing to the editor or the API).
 *
 * <!-- given: com.sun.net.httpserver.HttpExchange exchange; FbToolsApi api; int max -->
 * <pre>{@code
 * ApiRequest request = ExchangeIo.request(exchange, RequestTarget.parse(exchange.getRequestURI().toString()), max);
 * ExchangeIo.send(exchange, api.handle(request));
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
final class ExchangeIo {
  private ExchangeIo() {}

  /**
   * Reads the request: its target's query and its body, at most {@code maxBodyBytes}.
   *
   * @throws ApiException 400 for a malformed query, Content-Length or body (a malformed chunk),
   *     413 for a body over the limit
   * @throws IOException if the client went away or was cut off (no answer can be sent)
   */
  static ApiRequest request(HttpExchange exchange, RequestTarget target, int maxBodyBytes)
      throws IOException {
    Map<String, String> query;
    try {
      query = ApiRequest.parseQuery(target.rawQuery());
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("malformed query: " + e.getMessage());
    }
    byte[] body = readBody(exchange, maxBodyBytes);
    return ApiRequest.of(exchange.getRequestMethod(), target.rawPath(), query, body);
  }

  private static byte[] readBody(HttpExchange exchange, int maxBodyBytes) throws IOException {
    String declared = exchange.getRequestHeaders().getFirst("Content-Length");
    if (declared != null) {
      long length;
      try {
        length = Long.parseLong(declared.trim());
      } catch (NumberFormatException e) {
        throw ApiException.badRequest("malformed Content-Length");
      }
      if (length > maxBodyBytes) {
        throw tooLarge(length + " bytes", maxBodyBytes);
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    try (InputStream in = exchange.getRequestBody()) {
      int n;
      while ((n = in.read(buffer)) >= 0) {
        if (out.size() + (long) n > maxBodyBytes) {
          throw tooLarge("more than " + maxBodyBytes + " bytes", maxBodyBytes);
        }
        out.write(buffer, 0, n);
      }
    } catch (ApiException e) {
      throw e;
    } catch (InterruptedIOException | ClosedChannelException e) {
      throw e; // cut off by the watchdog or the client: no answer can be sent
    } catch (IOException | RuntimeException e) {
      // For example a malformed chunk: answer, then close the connection.
      throw ApiException.of(
          ApiResponse.error(
                  400,
                  "the request body could not be read: "
                      + InvalidNameException.echo(String.valueOf(e.getMessage())))
              .withHeader("Connection", "close"));
    }
    return out.toByteArray();
  }

  private static ApiException tooLarge(String size, int maxBodyBytes) {
    return new ApiException(
        413, "the request body is " + size + ", over the limit of " + maxBodyBytes + " bytes");
  }

  /** Adds each of {@code headers} that the response does not set itself. */
  static ApiResponse withHeaders(ApiResponse response, Map<String, String> headers) {
    ApiResponse r = response;
    for (Map.Entry<String, String> e : headers.entrySet()) {
      if (!r.headers().containsKey(e.getKey())) {
        r = r.withHeader(e.getKey(), e.getValue());
      }
    }
    return r;
  }

  /**
   * Sends a JSON answer with the headers of every API answer (no caching, no sniffing, a policy
   * that allows nothing to run, no framing); {@code HEAD} and 204 get the head only.
   */
  static void send(HttpExchange exchange, ApiResponse response) throws IOException {
    Headers h = exchange.getResponseHeaders();
    h.set("Content-Type", ApiResponse.CONTENT_TYPE);
    h.set("Cache-Control", "no-store");
    h.set("X-Content-Type-Options", "nosniff");
    h.set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
    h.set("Cross-Origin-Resource-Policy", "same-origin");
    h.set("Referrer-Policy", "no-referrer");
    for (Map.Entry<String, String> e : response.headers().entrySet()) {
      h.set(e.getKey(), e.getValue());
    }
    int status = response.status();
    if (status == 413 || status == 503) {
      // The rest of the body is not read (or could not be); the connection cannot be reused.
      h.set("Connection", "close");
    }
    byte[] bytes = response.rawBodyBytes();
    if (status == 204 || exchange.getRequestMethod().equals("HEAD")) {
      exchange.sendResponseHeaders(status, -1);
      return;
    }
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream os = exchange.getResponseBody()) {
      os.write(bytes);
    }
  }
}
