package io.github.fbtools.libber.rest;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Preconditions.checkState;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import io.github.fbtools.core.InvalidNameException;
import io.github.fbtools.core.json.SetOnce;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.SynchronousQueue;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.annotation.Nullable;

/**
 * Serves an {@link FbToolsApi} over HTTP/1.1 with a small HTTP layer of its own on the JDK's
 * socket channels: no framework, no extra dependency, no JVM-wide setting. It is meant to run on
 * a machine with a browser, so every
 * request passes these rules before its body is read (details in the project's {@code
 * docs/rest.md}, section "Security"):
 *
 * <ul>
 *   <li>It binds to the loopback address by default (port 0 picks a free port; see {@link
 *       #port()}). Any other address needs a bearer token ({@link Builder#bearerToken}); then
 *       every request must carry {@code Authorization: Bearer <token>} (else 401).
 *   <li>{@code Host} must be {@code 127.0.0.1}, {@code localhost}, {@code [::1]} or a name added
 *       with {@link Builder#allowHost} (with no port or the server's port); else 403.
 *   <li>A request with an {@code Origin} is served only from the server's own origin or an origin
 *       allowed with {@link Builder#allowOrigin}; {@code Origin: null} and {@code Sec-Fetch-Site:
 *       cross-site} are refused (403). CORS preflights are approved only for allowed origins,
 *       naming exactly that origin, never {@code *}.
 *   <li>A {@code POST} must have {@code Content-Type: application/json}; else 415.
 *   <li>A client must send its request head and body within the read timeout (default 5 s each)
 *       and take the answer within the write timeout (default 10 s), or its connection is closed.
 *       At most {@code threads} requests run the API at once; up to {@code queueCapacity} more
 *       connections may read their request or wait meanwhile, so stalled clients do not hold up
 *       the others. Beyond that, new connections are closed at once. Connections that have not
 *       sent a request yet (or wait between kept-alive requests) hold no worker; at most {@link
 *       Builder#maxIdleConnections} of them are kept, the longest-waiting closed first.
 *   <li>Bodies are limited while they are read: a declared {@code Content-Length} over the limit
 *       is refused before reading, and a body that streams past it is cut off; both get 413.
 *   <li>Every answer is JSON in the one error shape, also for a malformed request head (a bad
 *       request line, a target that is not a URI such as {@code /a%zz}, a header line that is
 *       not {@code name: value}, a bad or conflicting {@code Content-Length}, both {@code
 *       Transfer-Encoding} and {@code Content-Length}, a transfer coding other than {@code
 *       chunked}: 400 or 501; an HTTP version other than 1.0 and 1.1: 505; a head over 16 KiB or
 *       100 header lines: 414 or 431; each followed by a close), a malformed chunked body (400),
 *       {@code HEAD} (405, headers only) and an {@link OutOfMemoryError} (503, the worker lives
 *       on). A connection that ends or stalls before a whole head arrived is closed without an
 *       answer, since none can be formed.
 *   <li>HTTP/1.1 keep-alive and pipelining work as RFC 9112 says ({@code Connection: close},
 *       HTTP/1.0 with {@code Connection: keep-alive}, {@code Expect: 100-continue}); a
 *       connection between requests holds no worker and is closed after 30 seconds without a
 *       byte.
 *   <li>{@link #close()} lets requests in flight finish for up to the drain timeout (new ones get
 *       503 meanwhile), then closes the listener and stops the workers.
 *   <li>With {@link Builder#editor(boolean) editor(true)} it also serves the browser editor at
 *       {@code /fbtools/editor/} ({@link #editorUrl()}) and redirects {@code /} there.
 * </ul>
 *
 * <p>The server reads and sets no system property.
 *
 * <pre>{@code
 * try (FbToolsHttpServer server = FbToolsHttpServer.builder(FbToolsApi.builder().build())
 *         .port(8188)
 *         .start()) {
 *   System.out.println("listening on " + server.port());
 *   // ...
 * }
 * }</pre>
 *
 * <p>This class is thread-safe.
 *
 * <p>Why this class is long: its public {@link Builder}, one documented setter per setting, is
 * nested here as the API's builders are; the server itself keeps only the admission, timeouts and
 * drain. The sockets are {@code HttpConnector} and {@code HttpConnection}, a request head is read
 * by {@code RequestHead} and its target by {@code RequestTarget}, bodies by {@code BodyStreams},
 * the browser rules are {@code RequestGuard}, the bytes of an exchange are {@code ExchangeIo},
 * the timeouts {@code ConnectionWatchdog} and the editor's files {@code EditorAssets}.
 */
public final class FbToolsHttpServer implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(FbToolsHttpServer.class.getName());

  /** The default time a client has to send its request head, and then its body: 5 seconds. */
  public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(5);

  /** The default number of connections that may wait for a request at once: 512. */
  public static final int DEFAULT_MAX_IDLE_CONNECTIONS = 512;

  /** The default time a client has to take an answer: 10 seconds. */
  public static final Duration DEFAULT_WRITE_TIMEOUT = Duration.ofSeconds(10);

  private final HttpConnector connector;
  private final ThreadPoolExecutor executor;
  private final ConnectionWatchdog watchdog;
  private final Semaphore apiPermits;
  private final FbToolsApi api;
  private final RequestGuard guard;
  private final int maxBodyBytes;
  private final long readTimeoutNanos;
  private final long writeTimeoutNanos;
  private final Duration drainTimeout;
  @Nullable private final EditorAssets editor;
  private final Object lock = new Object();
  private int inFlight; // guarded by lock
  private boolean closing; // guarded by lock

  private FbToolsHttpServer(Builder b) throws IOException {
    this.api = b.api;
    this.maxBodyBytes = api.maxBodyBytes();
    this.drainTimeout = b.drainTimeout;
    this.readTimeoutNanos = b.readTimeout.toNanos();
    this.writeTimeoutNanos = b.writeTimeout.toNanos();
    this.apiPermits = new Semaphore(b.threads, true);
    this.editor = b.editor ? EditorAssets.load() : null;
    AtomicInteger n = new AtomicInteger();
    ThreadFactory threads =
        r -> {
          Thread t = new Thread(r, "fbtools-http-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        };
    // Workers read request heads and bodies, which may stall; the API itself runs on at most
    // `threads` of them at once (apiPermits).
    this.executor =
        new ThreadPoolExecutor(
            b.threads,
            b.threads + b.queueCapacity,
            30,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            threads,
            new ThreadPoolExecutor.AbortPolicy());
    this.watchdog = new ConnectionWatchdog(System::nanoTime);
    try {
      this.connector =
          HttpConnector.open(
              new InetSocketAddress(b.address, b.port),
              b.backlog,
              watchdog.guarding(executor, readTimeoutNanos),
              b.maxIdleConnections);
    } catch (IOException | RuntimeException e) {
      watchdog.close();
      executor.shutdownNow();
      throw e;
    }
    this.guard = new RequestGuard(b.hosts, b.origins, b.token, connector.address().getPort());
    connector.start(
        channel ->
            new HttpConnection(
                channel, connector, this::exchange, watchdog, readTimeoutNanos,
                writeTimeoutNanos));
  }

  /**
   * Returns a builder for serving {@code api}: loopback, port 0 (any free port), 8 API threads,
   * 64 more connections, 5 seconds to drain on close, the default read and write timeouts.
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
    return connector.address().getPort();
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
    InetAddress a = connector.address().getAddress();
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
    return connector.address();
  }

  /**
   * Returns how many connections this server has closed because the client took longer than the
   * read or write timeout.
   *
   * @return the count since the server started
   */
  public long stalledConnectionsClosed() {
    return watchdog.cutOff();
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
    connector.close();
    watchdog.close();
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
    ConnectionWatchdog.Slot slot = watchdog.current();
    try {
      answerAndClose(exchange, admitted, slot);
      slot.disarm(); // the answer is out and the exchange closed (an unread body drained)
    } catch (IOException | RuntimeException e) {
      // The client went away, took too long, or the response could not be written.
      LOG.log(System.Logger.Level.DEBUG, "HTTP exchange ended early: {0}", e.toString());
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

  /**
   * Answers one exchange and closes it; the write timeout stays armed until the caller disarms
   * it, so closing (which drains an unread request body) cannot stall either.
   */
  private void answerAndClose(
      HttpExchange exchange, boolean admitted, ConnectionWatchdog.Slot slot) throws IOException {
    try (exchange) {
      slot.disarm(); // the head is in
      ApiResponse response =
          admitted ? route(exchange, slot) : ApiResponse.error(503, "the server is shutting down");
      if (response != null) {
        slot.arm("the answer to be taken", writeTimeoutNanos);
        ExchangeIo.send(exchange, response);
      }
    }
  }

  /**
   * Checks the request head ({@link RequestTarget}, {@link RequestGuard}) and answers: the answer
   * to send, or null once the editor has sent its own.
   */
  @Nullable
  private ApiResponse route(HttpExchange exchange, ConnectionWatchdog.Slot slot)
      throws IOException {
    // The head, target included, was checked as it was read (RequestHead).
    RequestTarget target = ((HttpConnection.Exchange) exchange).target();
    String method = exchange.getRequestMethod();
    Headers headers = exchange.getRequestHeaders();
    String authority = target.authority();
    String rawPath = target.rawPath();
    RequestGuard.Verdict verdict =
        guard.check(
            method,
            // An absolute-form target's authority stands for the Host header (RFC 9112, 3.2.2).
            authority == null
                ? headers::get
                : name -> name.equalsIgnoreCase("Host") ? List.of(authority) : headers.get(name),
            editor != null && EditorAssets.isPublicFile(method, rawPath));
    if (verdict.refusal != null) {
      LOG.log(
          System.Logger.Level.DEBUG,
          "refused {0} {1}: {2}",
          method,
          rawPath.length() > 200 ? rawPath.substring(0, 200) + "..." : rawPath,
          verdict.refusal.status());
      return ExchangeIo.withHeaders(verdict.refusal, verdict.headers);
    }
    if (editor != null && EditorAssets.handles(rawPath)) {
      slot.arm("the answer to be taken", writeTimeoutNanos);
      editor.serve(exchange, rawPath, target.rawQuery());
      return null;
    }
    return ExchangeIo.withHeaders(answer(exchange, target, slot), verdict.headers);
  }

  /** Reads the body (with the read timeout), then runs the API (never interrupted). */
  private ApiResponse answer(
      HttpExchange exchange, RequestTarget target, ConnectionWatchdog.Slot slot)
      throws IOException {
    ApiRequest request;
    try {
      slot.arm("the request body", readTimeoutNanos);
      request = ExchangeIo.request(exchange, target, maxBodyBytes);
      slot.disarm();
    } catch (ApiException e) {
      slot.disarm();
      return e.response();
    } catch (OutOfMemoryError e) {
      slot.disarm();
      return outOfMemory();
    }
    boolean permitted = false;
    try {
      apiPermits.acquire();
      permitted = true;
      return api.handle(request);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ApiResponse.error(503, "the server is shutting down");
    } catch (OutOfMemoryError e) {
      return outOfMemory();
    } finally {
      if (permitted) {
        apiPermits.release();
      }
    }
  }

  private static ApiResponse outOfMemory() {
    return ApiResponse.error(
            503, "the server ran out of memory answering this request; nothing was changed by it")
        .withHeader("Retry-After", "5");
  }

  /**
   * Configures and starts an {@link FbToolsHttpServer}.
   *
   * <!-- given: FbToolsApi api -->
   * <pre>{@code
   * FbToolsHttpServer server = FbToolsHttpServer.builder(api)
   *     .address(InetAddress.getLoopbackAddress())
   *     .port(0)
   *     .threads(4)
   *     .allowOrigin("http://localhost:5173")
   *     .start();
   * }</pre>
   *
   * <p>A builder is not thread-safe.
   *
   * <p>Each setting is made at most once: calling a setter a second time is an {@link
   * IllegalStateException} naming the setting and both values (a bearer token shows only its
   * length); {@link #allowHost} and {@link #allowOrigin} add to lists and may be called any number
   * of times (docs/decisions.md, "Builders take each setting once").
   */
  public static final class Builder {
    private final SetOnce once = new SetOnce();
    private final FbToolsApi api;
    private InetAddress address = InetAddress.getLoopbackAddress();
    private int port;
    private int threads = 8;
    private int queueCapacity = 64;
    private int maxIdleConnections = DEFAULT_MAX_IDLE_CONNECTIONS;
    private int backlog = 64;
    private Duration drainTimeout = Duration.ofSeconds(5);
    private Duration readTimeout = DEFAULT_READ_TIMEOUT;
    private Duration writeTimeout = DEFAULT_WRITE_TIMEOUT;
    private final Set<String> hosts = new LinkedHashSet<>();
    private final Set<String> origins = new LinkedHashSet<>();
    @Nullable private String token;
    private boolean editor;

    private Builder(FbToolsApi api) {
      this.api = checkNotNull(api, "api must not be null");
    }

    /**
     * Sets the address to bind (default: loopback). An address that is not a loopback address
     * needs a {@link #bearerToken}.
     *
     * @param address the local address
     * @return this builder
     */
    public Builder address(InetAddress address) {
      checkNotNull(address, "address must not be null");
      once.set("address", address);
      this.address = address;
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
      once.set("port", port);
      this.port = port;
      return this;
    }

    /**
     * Sets how many requests may run the API at once (default 8).
     *
     * @param threads at least 1
     * @return this builder
     * @throws IllegalArgumentException if less than 1
     */
    public Builder threads(int threads) {
      checkArgument(threads >= 1, "threads must be >= 1: %s", threads);
      once.set("threads", threads);
      this.threads = threads;
      return this;
    }

    /**
     * Sets how many more connections may be served at once, reading their requests or waiting
     * for the API (default 64); beyond that, new connections are closed at once.
     *
     * @param capacity at least 1
     * @return this builder
     * @throws IllegalArgumentException if less than 1
     */
    public Builder queueCapacity(int capacity) {
      checkArgument(capacity >= 1, "queueCapacity must be >= 1: %s", capacity);
      once.set("queueCapacity", capacity);
      this.queueCapacity = capacity;
      return this;
    }

    /**
     * Sets how many connections may wait for a request at once, holding a socket but no worker
     * (default {@value FbToolsHttpServer#DEFAULT_MAX_IDLE_CONNECTIONS}): new ones that have sent
     * nothing yet, and kept-alive ones between requests. Beyond that, the one that has waited
     * longest is closed, so a client that opens sockets by the thousand cannot run the process out
     * of file descriptors or keep later clients from being served.
     *
     * @param max at least 1
     * @return this builder
     * @throws IllegalArgumentException if less than 1
     */
    public Builder maxIdleConnections(int max) {
      checkArgument(max >= 1, "maxIdleConnections must be >= 1: %s", max);
      once.set("maxIdleConnections", max);
      this.maxIdleConnections = max;
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
      once.set("backlog", backlog);
      this.backlog = backlog;
      return this;
    }

    /**
     * Sets how long {@link FbToolsHttpServer#close()} lets requests in flight finish (default 5
     * seconds).
     *
     * @param timeout zero or more
     * @return this builder
     * @throws IllegalArgumentException if negative
     */
    public Builder drainTimeout(Duration timeout) {
      checkArgument(!timeout.isNegative(), "drainTimeout must not be negative: %s", timeout);
      once.set("drainTimeout", timeout);
      this.drainTimeout = timeout;
      return this;
    }

    /**
     * Sets how long a client may take to send its request head (counted from its first byte),
     * and then its body (default {@link #DEFAULT_READ_TIMEOUT}); a client that takes longer has
     * its connection closed.
     *
     * @param timeout positive
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder readTimeout(Duration timeout) {
      checkArgument(
          !timeout.isNegative() && !timeout.isZero(), "readTimeout must be positive: %s", timeout);
      once.set("readTimeout", timeout);
      this.readTimeout = timeout;
      return this;
    }

    /**
     * Sets how long a client may take to receive an answer (default {@link
     * #DEFAULT_WRITE_TIMEOUT}); a slower reader has its connection closed.
     *
     * @param timeout positive
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder writeTimeout(Duration timeout) {
      checkArgument(
          !timeout.isNegative() && !timeout.isZero(),
          "writeTimeout must be positive: %s",
          timeout);
      once.set("writeTimeout", timeout);
      this.writeTimeout = timeout;
      return this;
    }

    /**
     * Accepts one more name in the {@code Host} header, besides {@code 127.0.0.1}, {@code
     * localhost} and {@code [::1]}: for example the name a reverse proxy or another machine uses.
     * A bare name is accepted with no port or the server's port; {@code name:port} accepts that
     * port. Names are compared without regard to case; nothing is resolved.
     *
     * @param name a host name, an IPv4 address, or an IPv6 address in brackets, optionally with a
     *     port
     * @return this builder
     * @throws IllegalArgumentException if the name is empty or holds characters a host cannot
     */
    public Builder allowHost(String name) {
      checkNotNull(name, "name must not be null");
      String n = name.trim().toLowerCase(Locale.ROOT);
      checkArgument(
          n.matches("(\\[[0-9a-f:.]+\\]|[a-z0-9._\\-]+)(:[0-9]{1,5})?"),
          "allowHost: not a host name, address or [IPv6] address with an optional port: %s",
          InvalidNameException.echo(name));
      hosts.add(n);
      return this;
    }

    /**
     * Allows browser pages of another origin to call the server: requests carrying this {@code
     * Origin} are served, CORS preflights from it are approved, and answers name it in {@code
     * Access-Control-Allow-Origin} (never {@code *}).
     *
     * @param origin {@code http://host[:port]} or {@code https://host[:port]}, without a path
     * @return this builder
     * @throws IllegalArgumentException if it is not an origin
     */
    public Builder allowOrigin(String origin) {
      checkNotNull(origin, "origin must not be null");
      String o = RequestGuard.normalizeOrigin(origin);
      checkArgument(
          o != null,
          "allowOrigin: not an origin of the form http(s)://host[:port]: %s",
          InvalidNameException.echo(origin));
      origins.add(o);
      return this;
    }

    /**
     * Requires {@code Authorization: Bearer <token>} on every request (else 401). Needed to bind
     * an address that is not a loopback address. The token is never logged.
     *
     * @param token at least 16 characters, no whitespace
     * @return this builder
     * @throws IllegalArgumentException if it is shorter or holds whitespace or control characters
     */
    public Builder bearerToken(String token) {
      checkNotNull(token, "token must not be null");
      checkArgument(
          token.length() >= 16,
          "bearerToken must have at least 16 characters, not %s (the token is not shown)",
          token.length());
      checkArgument(
          token.chars().allMatch(c -> c > 0x20 && c < 0x7f),
          "bearerToken must be printable ASCII without spaces");
      once.set("bearerToken", "a token of " + token.length() + " characters");
      this.token = token;
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
      once.set("editor", enabled);
      this.editor = enabled;
      return this;
    }

    /**
     * Binds and starts the server.
     *
     * @return the running server
     * @throws IOException if the address cannot be bound
     * @throws IllegalStateException if the address is not a loopback address and no bearer token
     *     was set
     */
    public FbToolsHttpServer start() throws IOException {
      checkState(
          address.isLoopbackAddress() || token != null,
          "binding %s (not a loopback address) needs a bearer token",
          address.getHostAddress());
      return new FbToolsHttpServer(this);
    }
  }
}
