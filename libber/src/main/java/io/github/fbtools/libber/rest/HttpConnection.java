package io.github.fbtools.libber.rest;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpPrincipal;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;

/**
 * One client connection of {@link FbToolsHttpServer}, served in blocking mode on a worker thread
 * while a request is on it: reads request heads ({@link RequestHead}), hands each request to the
 * server as an {@link HttpExchange}, and writes the answer. Keep-alive and pipelining follow RFC
 * 9112: an HTTP/1.1 connection stays open unless either side says {@code Connection: close}, an
 * HTTP/1.0 one only with {@code Connection: keep-alive}. Between requests an idle connection goes
 * back to the {@link HttpConnector}, which holds no worker for it. A malformed head is answered in
 * the API's error shape with {@code Connection: close}, and the connection is closed.
 *
 * <p>The {@link ConnectionWatchdog} slot of the worker bounds each wait for the client: it is armed
 * for the request head when the worker starts (and for each pipelined head), the server arms it
 * for the body and the answer. A request body the handler did not read is drained (up to {@link
 * #DRAIN_LIMIT} bytes) while the answer's timeout is still armed, so the connection can serve the
 * next request; a larger one, or one the client was told to hold back ({@code Expect:
 * 100-continue} without a {@code 100 Continue}), ends the connection after the answer.
 *
 * <!-- given: java.nio.channels.SocketChannel channel; HttpConnector connector; com.sun.net.httpserver.HttpHandler handler; ConnectionWatchdog watchdog -->
 * <pre>{@code
 * HttpConnection c = new HttpConnection(channel, connector, handler, watchdog, 5_000_000_000L, 10_000_000_000L);
 * c.run(); // on a worker, once the channel is readable and in blocking mode
 * }</pre>
 *
 * <p>Not thread-safe: one connection is served by one thread at a time; the connector hands it
 * over.
 */
final class HttpConnection implements Runnable {
  private static final System.Logger LOG = System.getLogger(HttpConnection.class.getName());

  /** The most bytes of an unread request body drained to keep a connection open. */
  static final long DRAIN_LIMIT = 64 * 1024;

  private static final byte[] CONTINUE =
      "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);

  private final SocketChannel channel;
  private final HttpConnector connector;
  private final HttpHandler handler;
  private final ConnectionWatchdog watchdog;
  private final long readTimeoutNanos;
  private final long writeTimeoutNanos;
  private final ConnectionInput in;
  private final OutputStream out;
  private volatile long idleSince; // written and read by the connector's thread

  HttpConnection(
      SocketChannel channel,
      HttpConnector connector,
      HttpHandler handler,
      ConnectionWatchdog watchdog,
      long readTimeoutNanos,
      long writeTimeoutNanos) {
    this.channel = channel;
    this.connector = connector;
    this.handler = handler;
    this.watchdog = watchdog;
    this.readTimeoutNanos = readTimeoutNanos;
    this.writeTimeoutNanos = writeTimeoutNanos;
    this.in = new ConnectionInput(Channels.newInputStream(channel));
    this.out = new BufferedOutputStream(Channels.newOutputStream(channel), 8192);
  }

  SocketChannel channel() {
    return channel;
  }

  long idleSince() {
    return idleSince;
  }

  void idleSince(long nanos) {
    this.idleSince = nanos;
  }

  @Override
  public void run() {
    boolean keep = false;
    try {
      keep = serve(watchdog.current());
    } catch (IOException | RuntimeException e) {
      LOG.log(System.Logger.Level.DEBUG, "HTTP connection ended: {0}", e.toString());
    }
    if (keep && channel.isOpen()) {
      connector.idle(this);
    } else {
      closeQuietly();
    }
  }

  void closeQuietly() {
    try {
      channel.close();
    } catch (IOException e) {
      LOG.log(System.Logger.Level.DEBUG, "closing a connection: {0}", e.toString());
    }
  }

  /** Serves requests until the connection is idle (true) or must close (false). */
  private boolean serve(ConnectionWatchdog.Slot slot) throws IOException {
    while (true) {
      RequestHead head;
      try {
        head = RequestHead.read(in);
      } catch (RequestHead.Refusal r) {
        slot.disarm();
        slot.arm("the answer to be taken", writeTimeoutNanos);
        Exchange e = new Exchange(null, r.method);
        ExchangeIo.send(e, r.response);
        e.close();
        slot.disarm();
        return false;
      }
      if (head == null) {
        return false; // the client closed between requests
      }
      Exchange e = new Exchange(head, head.method);
      handler.handle(e);
      if (!e.reusable() || !channel.isOpen()) {
        return false;
      }
      if (!in.hasBuffered()) {
        return true;
      }
      slot.arm("the request head", readTimeoutNanos); // a pipelined request
    }
  }

  /** Status lines' reason phrases; any other code gets an empty one, as RFC 9112 allows. */
  private static final Map<Integer, String> REASONS =
      Map.ofEntries(
          Map.entry(200, "OK"),
          Map.entry(201, "Created"),
          Map.entry(204, "No Content"),
          Map.entry(302, "Found"),
          Map.entry(304, "Not Modified"),
          Map.entry(400, "Bad Request"),
          Map.entry(401, "Unauthorized"),
          Map.entry(403, "Forbidden"),
          Map.entry(404, "Not Found"),
          Map.entry(405, "Method Not Allowed"),
          Map.entry(409, "Conflict"),
          Map.entry(413, "Content Too Large"),
          Map.entry(414, "URI Too Long"),
          Map.entry(415, "Unsupported Media Type"),
          Map.entry(417, "Expectation Failed"),
          Map.entry(422, "Unprocessable Content"),
          Map.entry(431, "Request Header Fields Too Large"),
          Map.entry(500, "Internal Server Error"),
          Map.entry(501, "Not Implemented"),
          Map.entry(503, "Service Unavailable"),
          Map.entry(505, "HTTP Version Not Supported"));

  /** One request and its answer, as the {@link HttpExchange} the server's handler expects. */
  final class Exchange extends HttpExchange {
    @Nullable private final RequestHead head;
    private final String method;
    private final Headers requestHeaders;
    private final Headers responseHeaders = new Headers();
    private final BodyStreams.RequestBody body;
    private final Map<String, Object> attributes = new HashMap<>();
    private final InputStream requestStream;
    private OutputStream responseStream = OutputStream.nullOutputStream();
    private int code = -1;
    private boolean continueSent;
    private boolean closeAfter;
    private boolean closed;

    Exchange(@Nullable RequestHead head, String method) {
      this.head = head;
      this.method = method;
      this.requestHeaders = head == null ? new Headers() : head.headers;
      if (head == null) {
        this.body = BodyStreams.fixed(in, 0);
        this.closeAfter = true;
      } else if (head.chunked) {
        this.body = BodyStreams.chunked(in);
      } else {
        this.body = BodyStreams.fixed(in, Math.max(0, head.contentLength));
      }
      this.requestStream =
          new BodyStreams.RequestBody() {
            @Override
            boolean finished() {
              return body.finished();
            }

            @Override
            long remaining() {
              return body.remaining();
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
              if (!continueSent && head != null && head.expectContinue && code < 0
                  && !body.finished()) {
                out.write(CONTINUE);
                out.flush();
                continueSent = true;
              }
              return body.read(b, off, len);
            }

            @Override
            public void close() {
              // The rest is drained (or the connection closed) when the exchange closes.
            }
          };
    }

    /** The request target, checked as the head was read. */
    RequestTarget target() {
      return head == null ? new RequestTarget("/", null, null) : head.target;
    }

    boolean reusable() {
      return closed && !closeAfter && head != null && head.keepAlive;
    }

    @Override
    public Headers getRequestHeaders() {
      return requestHeaders;
    }

    @Override
    public Headers getResponseHeaders() {
      return responseHeaders;
    }

    @Override
    public URI getRequestURI() {
      if (head == null) {
        return URI.create("/");
      }
      try {
        return URI.create(head.rawTarget);
      } catch (IllegalArgumentException e) {
        return URI.create(head.target.rawPath());
      }
    }

    @Override
    public String getRequestMethod() {
      return method;
    }

    @Override
    public HttpContext getHttpContext() {
      throw new UnsupportedOperationException("FbToolsHttpServer has no HttpContext");
    }

    @Override
    public void close() {
      if (closed) {
        return;
      }
      closed = true;
      try {
        if (code < 0 || responseStream instanceof BodyStreams.FixedOut
            && !((BodyStreams.FixedOut) responseStream).complete()) {
          closeAfter = true; // no complete answer: the connection cannot be reused
        }
        out.flush();
        if (head == null) {
          linger(); // the rest of a refused head
        } else if (!body.finished()) {
          if (closeAfter) {
            // Let the client read the answer before the close: stop sending, take what it
            // still sends (bounded by the armed timeout and the drain limit).
            linger();
          } else if (!body.skipRest(DRAIN_LIMIT)) {
            closeAfter = true;
          }
        }
      } catch (IOException | RuntimeException e) {
        closeAfter = true;
        LOG.log(System.Logger.Level.DEBUG, "closing an exchange: {0}", e.toString());
      }
      if (closeAfter) {
        closeQuietly();
      }
    }

    private void linger() throws IOException {
      channel.shutdownOutput();
      byte[] b = new byte[8192];
      long left = DRAIN_LIMIT;
      int n;
      while (left > 0 && (n = in.read(b, 0, b.length)) >= 0) {
        left -= n;
      }
    }

    @Override
    public InputStream getRequestBody() {
      return requestStream;
    }

    @Override
    public OutputStream getResponseBody() {
      return responseStream;
    }

    @Override
    public void sendResponseHeaders(int rCode, long responseLength) throws IOException {
      if (code >= 0) {
        throw new IOException("the response headers were sent already");
      }
      code = rCode;
      boolean noBody = rCode < 200 || rCode == 204 || rCode == 304 || method.equals("HEAD");
      if (!body.finished()) {
        boolean drainable = !(head != null && head.expectContinue && !continueSent)
            && body.remaining() >= 0 && body.remaining() <= DRAIN_LIMIT;
        closeAfter |= !drainable;
      }
      List<String> connection = responseHeaders.get("Connection");
      if (connection != null && connection.stream().anyMatch(v -> v.equalsIgnoreCase("close"))) {
        closeAfter = true;
      }
      if (responseLength > 0) {
        responseHeaders.set("Content-Length", Long.toString(responseLength));
      } else if (responseLength == 0 && !noBody) {
        closeAfter = true; // the body ends with the connection
        responseHeaders.remove("Content-Length");
      } else if (!noBody) {
        responseHeaders.set("Content-Length", "0");
      }
      boolean keep = !closeAfter && head != null && head.keepAlive;
      closeAfter = !keep;
      if (!keep) {
        responseHeaders.set("Connection", "close");
      } else if (!head.http11) {
        responseHeaders.set("Connection", "keep-alive");
      }
      StringBuilder sb = new StringBuilder(256);
      sb.append("HTTP/1.1 ").append(rCode).append(' ').append(REASONS.getOrDefault(rCode, ""))
          .append("\r\nDate: ")
          .append(DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC)))
          .append("\r\n");
      for (Map.Entry<String, List<String>> e : responseHeaders.entrySet()) {
        for (String v : e.getValue()) {
          sb.append(e.getKey()).append(": ").append(v).append("\r\n");
        }
      }
      sb.append("\r\n");
      out.write(sb.toString().getBytes(StandardCharsets.ISO_8859_1));
      if (noBody) {
        responseStream = new BodyStreams.FixedOut(out, 0);
        out.flush();
      } else if (responseLength > 0) {
        responseStream = new BodyStreams.FixedOut(out, responseLength);
      } else if (responseLength == 0) {
        responseStream = out;
      } else {
        responseStream = new BodyStreams.FixedOut(out, 0);
        out.flush();
      }
    }

    @Override
    public InetSocketAddress getRemoteAddress() {
      return (InetSocketAddress) channel.socket().getRemoteSocketAddress();
    }

    @Override
    public int getResponseCode() {
      return code;
    }

    @Override
    public InetSocketAddress getLocalAddress() {
      return (InetSocketAddress) channel.socket().getLocalSocketAddress();
    }

    @Override
    public String getProtocol() {
      return head != null && !head.http11 ? "HTTP/1.0" : "HTTP/1.1";
    }

    @Override
    @Nullable
    public Object getAttribute(String name) {
      return attributes.get(name);
    }

    @Override
    public void setAttribute(String name, @Nullable Object value) {
      attributes.put(name, value);
    }

    @Override
    public void setStreams(@Nullable InputStream i, @Nullable OutputStream o) {
      throw new UnsupportedOperationException("FbToolsHttpServer does not use stream filters");
    }

    @Override
    @Nullable
    public HttpPrincipal getPrincipal() {
      return null;
    }
  }
}
