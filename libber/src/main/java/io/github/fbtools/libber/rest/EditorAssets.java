package io.github.fbtools.libber.rest;

import com.google.common.collect.ImmutableMap;
import com.google.common.hash.Hashing;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import io.github.fbtools.core.InvalidNameException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.regex.Pattern;
import javax.annotation.Nullable;

/**
 * The browser editor's static files, served by {@link FbToolsHttpServer} at {@value #PREFIX} when
 * the server is built with {@link FbToolsHttpServer.Builder#editor(boolean)}.
 *
 * <p>The files are resources of this jar, under {@value #RESOURCE_DIR}; the set of names is fixed
 * ({@link #FILES}) and every file is read once, when the server starts. A request path is only
 * ever compared with those names, never decoded into a file-system path, so there is no directory
 * listing and no way out of the folder: anything else under the prefix is a 404 in the API's error
 * shape. Only {@code GET} and {@code HEAD} are served (405 otherwise). Every answer carries a
 * Content-Security-Policy that allows the editor's own scripts, styles and API calls only (no
 * inline script, no framing), {@code X-Content-Type-Options: nosniff}, {@code Referrer-Policy:
 * no-referrer}, and an {@code ETag} for revalidation ({@code Cache-Control: no-cache}).
 *
 * <!-- given: com.sun.net.httpserver.HttpExchange exchange -->
 * <pre>{@code
 * EditorAssets editor = EditorAssets.load();
 * RequestTarget target = RequestTarget.parse(exchange.getRequestURI().toString());
 * if (EditorAssets.handles(target.rawPath())) {
 *   editor.serve(exchange, target.rawPath(), target.rawQuery());
 * }
 * }</pre>
 *
 * <p>This class is immutable and thread-safe.
 */
final class EditorAssets {
  /** Where the editor is served. */
  static final String PREFIX = "/fbtools/editor/";

  /** Where its files are in the jar. */
  static final String RESOURCE_DIR = "/io/github/fbtools/libber/editor/";

  /** The policy of every editor answer: own scripts, styles, images and API calls; no framing. */
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
          + "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

  private static final String JS = "text/javascript; charset=utf-8";

  /** The editor's files and their content types; nothing else is served. */
  static final Map<String, String> FILES =
      ImmutableMap.<String, String>builder()
          .put("index.html", "text/html; charset=utf-8")
          .put("editor.css", "text/css; charset=utf-8")
          .put("favicon.svg", "image/svg+xml")
          .put("main.js", JS)
          .put("api.js", JS)
          .put("dom.js", JS)
          .put("store.js", JS)
          .put("start.js", JS)
          .put("libbers.js", JS)
          .put("scene-session.js", JS)
          .put("prompts.js", JS)
          .put("scenes.js", JS)
          .buildOrThrow();

  /** A query kept on a redirect: only characters that need no escaping in a header. */
  private static final Pattern SAFE_QUERY = Pattern.compile("[A-Za-z0-9._~%=&+-]{0,2048}");

  private record Asset(String contentType, byte[] bytes, String etag) {}

  private final ImmutableMap<String, Asset> assets;

  private EditorAssets(ImmutableMap<String, Asset> assets) {
    this.assets = assets;
  }

  /**
   * Reads every editor file from the jar.
   *
   * @return the assets
   * @throws IllegalStateException if a file is missing from the jar (a broken build)
   */
  static EditorAssets load() {
    ImmutableMap.Builder<String, Asset> b = ImmutableMap.builder();
    for (Map.Entry<String, String> f : FILES.entrySet()) {
      String resource = RESOURCE_DIR + f.getKey();
      byte[] bytes;
      try (InputStream in = EditorAssets.class.getResourceAsStream(resource)) {
        if (in == null) {
          throw new IllegalStateException("the editor file " + resource + " is missing from the jar");
        }
        bytes = in.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the editor file " + resource, e);
      }
      String etag = "\"" + Hashing.sha256().hashBytes(bytes).toString().substring(0, 16) + "\"";
      b.put(f.getKey(), new Asset(f.getValue(), bytes, etag));
    }
    return new EditorAssets(b.buildOrThrow());
  }

  /**
   * Returns the total size of the editor's files.
   *
   * @return bytes
   */
  long totalBytes() {
    long n = 0;
    for (Asset a : assets.values()) {
      n += a.bytes().length;
    }
    return n;
  }

  /**
   * Says whether a request path is the editor's: {@code /}, {@code /fbtools/editor} or anything
   * under {@value #PREFIX}.
   *
   * @param rawPath the path as sent
   * @return true if {@link #serve} answers it
   */
  static boolean handles(String rawPath) {
    return rawPath.equals("/") || rawPath.equals("/fbtools/editor") || rawPath.startsWith(PREFIX);
  }

  /**
   * Says whether a request is a {@code GET} or {@code HEAD} of exactly one of the editor's fixed
   * paths: {@code /}, {@code /fbtools/editor}, {@value #PREFIX} or {@value #PREFIX} followed by one
   * of {@link #FILES}. These hold no data, so {@link FbToolsHttpServer} serves them without the
   * bearer token; any other path (also a missing file under the prefix) needs it.
   *
   * @param method the request method
   * @param rawPath the path as sent
   * @return true for one of the editor's static files
   */
  static boolean isPublicFile(String method, String rawPath) {
    if (!method.equals("GET") && !method.equals("HEAD")) {
      return false;
    }
    if (rawPath.equals("/") || rawPath.equals("/fbtools/editor") || rawPath.equals(PREFIX)) {
      return true;
    }
    return rawPath.startsWith(PREFIX) && FILES.containsKey(rawPath.substring(PREFIX.length()));
  }

  /**
   * Answers one request for which {@link #handles} is true.
   *
   * @param exchange the exchange; its response is sent, the exchange is not closed
   * @param path the path as sent ({@link RequestTarget#rawPath()})
   * @param rawQuery the query as sent, or null
   * @throws IOException if the response cannot be written
   */
  void serve(HttpExchange exchange, String path, @Nullable String rawQuery) throws IOException {
    String method = exchange.getRequestMethod();
    Headers h = exchange.getResponseHeaders();
    h.set("X-Content-Type-Options", "nosniff");
    h.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    h.set("Referrer-Policy", "no-referrer");
    h.set("X-Frame-Options", "DENY");
    h.set("Cross-Origin-Opener-Policy", "same-origin");
    h.set("Cross-Origin-Resource-Policy", "same-origin");
    boolean head = method.equals("HEAD");
    if (!head && !method.equals("GET")) {
      h.set("Allow", "GET, HEAD");
      sendError(exchange, ApiResponse.error(405, "method " + quoted(method)
          + " is not allowed here; use GET"), head);
      return;
    }
    if (path.equals("/") || path.equals("/fbtools/editor")) {
      String location =
          rawQuery != null && !rawQuery.isEmpty() && SAFE_QUERY.matcher(rawQuery).matches()
              ? PREFIX + "?" + rawQuery
              : PREFIX;
      h.set("Location", location);
      h.set("Cache-Control", "no-store");
      exchange.sendResponseHeaders(302, -1);
      return;
    }
    String name = path.substring(PREFIX.length());
    Asset asset = assets.get(name.isEmpty() ? "index.html" : name);
    if (asset == null) {
      sendError(exchange, ApiResponse.error(404, "no editor file " + quoted(name)), head);
      return;
    }
    h.set("Content-Type", asset.contentType());
    h.set("Cache-Control", "no-cache");
    h.set("ETag", asset.etag());
    String ifNoneMatch = exchange.getRequestHeaders().getFirst("If-None-Match");
    if (asset.etag().equals(ifNoneMatch)) {
      exchange.sendResponseHeaders(304, -1);
      return;
    }
    send(exchange, 200, asset.bytes(), head);
  }

  private static void sendError(HttpExchange exchange, ApiResponse r, boolean head)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", ApiResponse.CONTENT_TYPE);
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    send(exchange, r.status(), r.rawBodyBytes(), head);
  }

  private static void send(HttpExchange exchange, int status, byte[] bytes, boolean head)
      throws IOException {
    if (head) {
      exchange.getResponseHeaders().set("Content-Length", Integer.toString(bytes.length));
      exchange.sendResponseHeaders(status, -1);
      return;
    }
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream os = exchange.getResponseBody()) {
      os.write(bytes);
    }
  }

  private static String quoted(String s) {
    return InvalidNameException.echo(s);
  }
}
