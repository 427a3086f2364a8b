package io.github.fbtools.libber.rest;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.annotation.Nullable;

/**
 * Serves an {@link FbToolsApi} over HTTP with the JDK's built-in {@code com.sun.net.httpserver}:
 * no framework, no extra dependency.
 *
 * <ul>
 *   <li>It binds to the loopback address by default (port 0 picks a free port; see {@link
 *       #port()}). Binding elsewhere exposes the editing sessions to the network: put it behind
 *       something that authenticates.
 *   <li>Requests run on a bounded pool ({@code threads} workers, {@code queueCapacity} waiting
 *       requests); when both are full, the connection of a new request is closed at once.
 *   <li>Bodies are limited while they are read: a declared {@code Content-Length} over the limit
 *       is refused before reading, and a body that streams past it is cut off; both get 413.
 *   <li>{@link #close()} lets requests in flight finish for up to the drain timeout (new ones
 *       get 503 meanwhile), then closes the listener and stops the workers.
 *   <li>With {@link Builder#editor(boolean) editor(true)} it also serves the browser editor at
 *       {@code /fbtools/editor/} ({@link #editorUrl()}) and redirects {@code /} there.
 *   <li>Unless the system property {@code sun.net.httpserver.nodelay} is already set, starting a
 *       server sets it to {@code true}: the JDK server reads it once and otherwise leaves Nagle's
 *       algorithm on, so every response waits about 40 ms for the client's delayed ACK.
 * </ul>
 *
 * <pre>{@code
 * try (FbToolsHttpServer server = FbToolsHttpServer.builder(FbToolsApi.builder().build())
 *         .port(8188)
 *         .start()) {
 *   System.out.println("listening on " + server.port());
 *   ...
 * }
 * }</pre>
 *
 * <p>This class is thread-safe.
 */
public final class FbToolsHttpServer implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(FbToolsHttpServer.class.getName());

  /** The JDK server's switch for TCP_NODELAY on accepted connections, read once per JVM. */
  static final String NODELAY_PROPERTY = "sun.net.httpserver.nodelay";

  private final HttpServer server;
  private final ThreadPoolExecutor executor;
  private final FbToolsApi api;
  private final int maxBodyBytes;
  private final Duration drainTimeout;
  @Nullable private final EditorAssets editor;
  private final Object lock = new Object();
  private int inFlight; // guarded by lock
  private boolean closing; // guarded by lock

  private FbToolsHttpServer(Builder b) throws IOException {
    enableNoDelay();
    this.api = b.api;
    this.maxBodyBytes = api.maxBodyBytes();
    this.drainTimeout = b.drainTimeout;
    this.editor = b.editor ? EditorAssets.load() : null;
    AtomicInteger n = new AtomicInteger();
    ThreadFactory threads =
        r -> {
          Thread t = new Thread(r, "fbtools-http-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        };
    this.executor =
        new ThreadPoolExecutor(
            b.threads,
            b.threads,
            60,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(b.queueCapacity),
            threads,
            new ThreadPoolExecutor.AbortPolicy());
    this.server = HttpServer.create(new InetSocketAddress(b.address, b.port), b.backlog);
    server.setExecutor(executor);
    server.createContext("/", this::exchange);
    server.start();
  }

  /**
   * Turns on TCP_NODELAY for the JDK server unless the application chose otherwise. Without it,
   * every response waits for the client's delayed ACK (about 40 ms on Linux), which caps a
   * keep-alive connection at some 25 requests per second. The JDK reads the property once, when
   * its first server starts, so an application that sets it itself (either way) is left alone.
   */
  private static void enableNoDelay() {
    synchronized (FbToolsHttpServer.class) {
      if (System.getProperty(NODELAY_PROPERTY) == null) {
        System.setProperty(NODELAY_PROPERTY, "true");
      }
    }
  }

  /**
   * Returns a builder for serving {@code api}: loopback, port 0 (any free port), 8 worker
   * threads, 64 queued requests, 5 seconds to drain on close.
   *
   * @param api the router to serve; its {@link FbToolsApi#maxBodyBytes()} is the body limit
   * @return a new builder
   */
  public static Builder builder(FbToolsApi api) {
    return new Builder(api);
  }

  /**
   * Returns the port the server listens on.
   *
   * @return the bound port
   */
  public int port() {
    return server.getAddress().getPort();
  }

  /**
   * Returns the address of the browser editor, {@code http://<address>:<port>/fbtools/editor/},
   * if this server serves it ({@link Builder#editor(boolean)}).
   *
   * @return the editor's URL, or empty
   */
  public Optional<String> editorUrl() {
    if (editor == null) {
      return Optional.empty();
    }
    InetAddress a = server.getAddress().getAddress();
    String host = a.getHostAddress();
    if (a instanceof Inet6Address) {
      int zone = host.indexOf('%');
      host = "[" + (zone < 0 ? host : host.substring(0, zone)) + "]";
    }
    return Optional.of("http://" + host + ":" + port() + EditorAssets.PREFIX);
  }

  /**
   * Returns the address the server listens on.
   *
   * @return the bound address
   */
  public InetSocketAddress address() {
    return server.getAddress();
  }

  /**
   * Stops the server gracefully: requests in flight may finish for up to the drain timeout (new
   * ones meanwhile get 503), then the listener closes and the worker threads stop. Calling it
   * again does nothing.
   */
  @Override
  public void close() {
    synchronized (lock) {
      if (closing) {
        return;
      }
      closing = true;
      long deadline = System.nanoTime() + drainTimeout.toNanos();
      try {
        while (inFlight > 0) {
          long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
          if (left <= 0) {
            break;
          }
          lock.wait(left);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    server.stop(0);
    executor.shutdown();
    try {
      if (!executor.awaitTermination(1, TimeUnit.SECONDS)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  private void exchange(HttpExchange exchange) throws IOException {
    boolean admitted;
    synchronized (lock) {
      admitted = !closing;
      if (admitted) {
        inFlight++;
      }
    }
    try (exchange) {
      ApiResponse response;
      if (!admitted) {
        response = ApiResponse.error(503, "the server is shutting down");
      } else {
        String path = exchange.getRequestURI().getRawPath();
        if (editor != null && path != null && EditorAssets.handles(path)) {
          editor.serve(exchange);
          return;
        }
        try {
          response = api.handle(toRequest(exchange));
        } catch (ApiException e) {
          response = e.response();
        }
      }
      send(exchange, response);
    } catch (IOException | RuntimeException e) {
      // The client went away, or the response could not be written; nothing more to say.
      LOG.log(System.Logger.Level.DEBUG, "HTTP exchange failed", e);
    } finally {
      if (admitted) {
        synchronized (lock) {
          inFlight--;
          if (inFlight == 0) {
            lock.notifyAll();
          }
        }
      }
    }
  }

  private ApiRequest toRequest(HttpExchange exchange) throws IOException {
    Map<String, String> query;
    try {
      query = ApiRequest.parseQuery(exchange.getRequestURI().getRawQuery());
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("malformed query: " + e.getMessage());
    }
    String path = exchange.getRequestURI().getRawPath();
    byte[] body = readBody(exchange);
    return ApiRequest.of(
        exchange.getRequestMethod(), path == null ? "/" : path, query, body);
  }

  private byte[] readBody(HttpExchange exchange) throws IOException {
    String declared = exchange.getRequestHeaders().getFirst("Content-Length");
    if (declared != null) {
      long length;
      try {
        length = Long.parseLong(declared.trim());
      } catch (NumberFormatException e) {
        throw ApiException.badRequest("malformed Content-Length");
      }
      if (length > maxBodyBytes) {
        throw tooLarge(length + " bytes");
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    try (InputStream in = exchange.getRequestBody()) {
      int n;
      while ((n = in.read(buffer)) >= 0) {
        if (out.size() + (long) n > maxBodyBytes) {
          throw tooLarge("more than " + maxBodyBytes + " bytes");
        }
        out.write(buffer, 0, n);
      }
    }
    return out.toByteArray();
  }

  private ApiException tooLarge(String size) {
    return new ApiException(
        413, "the request body is " + size + ", over the limit of " + maxBodyBytes + " bytes");
  }

  private static void send(HttpExchange exchange, ApiResponse response) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", ApiResponse.CONTENT_TYPE);
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
    for (Map.Entry<String, String> h : response.headers().entrySet()) {
      exchange.getResponseHeaders().set(h.getKey(), h.getValue());
    }
    if (response.status() == 413 || response.status() == 503) {
      // The rest of an oversized body is not read; the connection cannot be reused.
      exchange.getResponseHeaders().set("Connection", "close");
    }
    byte[] bytes = response.rawBodyBytes();
    exchange.sendResponseHeaders(response.status(), bytes.length);
    try (OutputStream os = exchange.getResponseBody()) {
      os.write(bytes);
    }
  }

  /**
   * Configures and starts an {@link FbToolsHttpServer}.
   *
   * <pre>{@code
   * FbToolsHttpServer server = FbToolsHttpServer.builder(api)
   *     .address(InetAddress.getLoopbackAddress())
   *     .port(0)
   *     .threads(4)
   *     .start();
   * }</pre>
   *
   * <p>A builder is not thread-safe.
   */
  public static final class Builder {
    private final FbToolsApi api;
    private InetAddress address = InetAddress.getLoopbackAddress();
    private int port;
    private int threads = 8;
    private int queueCapacity = 64;
    private int backlog = 64;
    private Duration drainTimeout = Duration.ofSeconds(5);
    private boolean editor;

    private Builder(FbToolsApi api) {
      this.api = checkNotNull(api, "api must not be null");
    }

    /**
     * Sets the address to bind (default: loopback).
     *
     * @param address the local address
     * @return this builder
     */
    public Builder address(InetAddress address) {
      this.address = checkNotNull(address, "address must not be null");
      return this;
    }

    /**
     * Sets the port (default 0: any free port).
     *
     * @param port 0..65535
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder port(int port) {
      checkArgument(port >= 0 && port <= 65535, "port must be in 0..65535: %s", port);
      this.port = port;
      return this;
    }

    /**
     * Sets the number of worker threads (default 8).
     *
     * @param threads at least 1
     * @return this builder
     * @throws IllegalArgumentException if less than 1
     */
    public Builder threads(int threads) {
      checkArgument(threads >= 1, "threads must be >= 1: %s", threads);
      this.threads = threads;
      return this;
    }

    /**
     * Sets how many requests may wait for a worker (default 64); beyond that, connections are
     * closed at once.
     *
     * @param capacity at least 1
     * @return this builder
     * @throws IllegalArgumentException if less than 1
     */
    public Builder queueCapacity(int capacity) {
      checkArgument(capacity >= 1, "queueCapacity must be >= 1: %s", capacity);
      this.queueCapacity = capacity;
      return this;
    }

    /**
     * Sets the socket backlog (default 64).
     *
     * @param backlog at least 1
     * @return this builder
     * @throws IllegalArgumentException if less than 1
     */
    public Builder backlog(int backlog) {
      checkArgument(backlog >= 1, "backlog must be >= 1: %s", backlog);
      this.backlog = backlog;
      return this;
    }

    /**
     * Sets how long {@link FbToolsHttpServer#close()} lets requests in flight finish (default 5
     * seconds; whole seconds are used for the listener).
     *
     * @param timeout zero or more
     * @return this builder
     * @throws IllegalArgumentException if negative
     */
    public Builder drainTimeout(Duration timeout) {
      checkArgument(!timeout.isNegative(), "drainTimeout must not be negative: %s", timeout);
      this.drainTimeout = timeout;
      return this;
    }

    /**
     * Serves the browser editor (default: off): its static files at {@code /fbtools/editor/}
     * (see {@link FbToolsHttpServer#editorUrl()}), and a redirect there from {@code /}. The
     * editor is plain HTML, CSS and JavaScript modules from this jar, driven only by the REST
     * API of the same server; its answers carry a Content-Security-Policy that allows its own
     * scripts, styles and API calls only, and forbids framing. Off, those paths are the API's
     * (404).
     *
     * @param enabled whether to serve the editor
     * @return this builder
     */
    public Builder editor(boolean enabled) {
      this.editor = enabled;
      return this;
    }

    /**
     * Binds and starts the server.
     *
     * @return the running server
     * @throws IOException if the address cannot be bound
     */
    public FbToolsHttpServer start() throws IOException {
      return new FbToolsHttpServer(this);
    }
  }
}
