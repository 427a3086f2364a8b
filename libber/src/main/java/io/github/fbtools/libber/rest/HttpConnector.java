package io.github.fbtools.libber.rest;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * The listening socket of {@link FbToolsHttpServer} and its idle connections: one thread accepts
 * connections and waits, with a {@link Selector}, until a connection has bytes of a request; only
 * then is it handed to a worker ({@link HttpConnection}, blocking mode). So a connection that sends
 * nothing, or a kept-alive connection between requests, holds a socket but no worker; it is closed
 * after {@link #IDLE_TIMEOUT_NANOS} without a byte. When the workers are all busy (the executor
 * refuses), the connection is closed at once. At most {@code maxIdle} connections wait at once:
 * beyond that, the one that has waited longest is closed, so a client that opens sockets by the
 * thousand neither runs the process out of file descriptors nor keeps a later client from being
 * served. A failed {@code accept} (for example too many open files) is retried after a short pause
 * rather than in a busy loop.
 *
 * <!-- given: java.util.concurrent.Executor workers; java.util.function.Function<java.nio.channels.SocketChannel, HttpConnection> factory -->
 * <pre>{@code
 * HttpConnector c = HttpConnector.open(
 *     new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 64, workers, 512);
 * c.start(factory);
 * }</pre>
 *
 * <p>Thread-safe: {@link #idle} and {@link #close} may be called from any thread.
 */
final class HttpConnector implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(HttpConnector.class.getName());

  /** How long a connection may stay open without sending a byte of a request: 30 seconds. */
  static final long IDLE_TIMEOUT_NANOS = 30_000_000_000L;

  private static final long SWEEP_MILLIS = 1000;

  /** How long the acceptor pauses after a failed {@code accept}. */
  private static final long ACCEPT_RETRY_MILLIS = 50;

  private final ServerSocketChannel server;
  private final Selector selector;
  private final Executor workers;
  private final LongSupplier nanoTime;
  private final int maxIdle;
  private final Queue<HttpConnection> returning = new ConcurrentLinkedQueue<>();
  private volatile boolean closed;
  private Thread thread;

  private HttpConnector(
      ServerSocketChannel server,
      Selector selector,
      Executor workers,
      LongSupplier nanoTime,
      int maxIdle) {
    this.server = server;
    this.selector = selector;
    this.workers = workers;
    this.nanoTime = nanoTime;
    this.maxIdle = maxIdle;
  }

  /**
   * Binds {@code address}; nothing is accepted before {@link #start}. At most {@code maxIdle}
   * connections wait for a request at once (the oldest is closed beyond that).
   */
  static HttpConnector open(
      InetSocketAddress address, int backlog, Executor workers, int maxIdle) throws IOException {
    ServerSocketChannel server = ServerSocketChannel.open();
    Selector selector = null;
    try {
      server.bind(address, backlog);
      server.configureBlocking(false);
      selector = Selector.open();
      server.register(selector, SelectionKey.OP_ACCEPT);
      return new HttpConnector(server, selector, workers, System::nanoTime, maxIdle);
    } catch (IOException | RuntimeException e) {
      server.close();
      if (selector != null) {
        selector.close();
      }
      throw e;
    }
  }

  /** The bound address. */
  InetSocketAddress address() {
    try {
      return (InetSocketAddress) server.getLocalAddress();
    } catch (IOException e) {
      throw new IllegalStateException("the server socket is closed", e);
    }
  }

  /** Starts the accepting thread; {@code factory} makes the connection of an accepted channel. */
  synchronized void start(Function<SocketChannel, HttpConnection> factory) {
    thread = new Thread(() -> loop(factory), "fbtools-http-acceptor-" + address().getPort());
    thread.setDaemon(true);
    thread.start();
  }

  /** Takes back a connection between requests (from its worker). */
  void idle(HttpConnection connection) {
    returning.add(connection);
    selector.wakeup();
    if (closed) {
      closeReturning();
    }
  }

  private void loop(Function<SocketChannel, HttpConnection> factory) {
    List<HttpConnection> ready = new ArrayList<>();
    long lastSweep = nanoTime.getAsLong();
    try {
      while (!closed) {
        selector.select(SWEEP_MILLIS);
        Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
        while (keys.hasNext()) {
          SelectionKey key = keys.next();
          keys.remove();
          if (!key.isValid()) {
            continue;
          }
          if (key.isAcceptable()) {
            accept(factory);
          } else if (key.isReadable()) {
            key.cancel();
            ready.add((HttpConnection) key.attachment());
          }
        }
        if (!ready.isEmpty()) {
          selector.selectNow(); // deregisters the cancelled keys
          for (HttpConnection c : ready) {
            dispatch(c);
          }
          ready.clear();
        }
        registerReturning();
        closeOldestOverTheLimit();
        long now = nanoTime.getAsLong();
        if (now - lastSweep >= SWEEP_MILLIS * 1_000_000L) {
          lastSweep = now;
          sweep(now);
        }
      }
    } catch (IOException | RuntimeException e) {
      LOG.log(System.Logger.Level.ERROR, "the HTTP acceptor stopped", e);
    } finally {
      for (SelectionKey key : selector.keys()) {
        if (key.attachment() instanceof HttpConnection c) {
          c.closeQuietly();
        }
      }
      closeReturning();
      try {
        selector.close();
        server.close();
      } catch (IOException e) {
        LOG.log(System.Logger.Level.DEBUG, "closing the listener: {0}", e.toString());
      }
    }
  }

  private void accept(Function<SocketChannel, HttpConnection> factory) {
    SocketChannel ch;
    try {
      ch = server.accept();
    } catch (IOException e) {
      // For example too many open files: the connection stays in the backlog for now, and the
      // acceptor pauses instead of spinning on a listener that stays ready.
      LOG.log(System.Logger.Level.WARNING, "accepting a connection failed: {0}", e.toString());
      try {
        Thread.sleep(ACCEPT_RETRY_MILLIS);
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
        closed = true;
      }
      return;
    }
    if (ch == null) {
      return;
    }
    try {
      ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
      ch.configureBlocking(false);
      HttpConnection c = factory.apply(ch);
      c.idleSince(nanoTime.getAsLong());
      ch.register(selector, SelectionKey.OP_READ, c);
    } catch (IOException | RuntimeException e) {
      LOG.log(System.Logger.Level.DEBUG, "a new connection failed: {0}", e.toString());
      try {
        ch.close();
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
    }
  }

  private void dispatch(HttpConnection c) {
    try {
      c.channel().configureBlocking(true);
      workers.execute(c);
    } catch (IOException | RejectedExecutionException e) {
      // Every worker is busy: refuse at once rather than queue behind stalled clients.
      c.closeQuietly();
    }
  }

  private void registerReturning() {
    HttpConnection c;
    while ((c = returning.poll()) != null) {
      try {
        c.channel().configureBlocking(false);
        c.idleSince(nanoTime.getAsLong());
        c.channel().register(selector, SelectionKey.OP_READ, c);
      } catch (IOException | RuntimeException e) {
        c.closeQuietly();
      }
    }
  }

  /** Closes the longest-waiting idle connections while more than {@code maxIdle} wait. */
  private void closeOldestOverTheLimit() {
    int over = selector.keys().size() - 1 - maxIdle; // less the listener's key
    while (over-- > 0) {
      SelectionKey oldestKey = null;
      HttpConnection oldest = null;
      for (SelectionKey key : selector.keys()) {
        if (key.isValid()
            && key.attachment() instanceof HttpConnection c
            && (oldest == null || c.idleSince() - oldest.idleSince() < 0)) {
          oldestKey = key;
          oldest = c;
        }
      }
      if (oldestKey == null || oldest == null) {
        return;
      }
      oldestKey.cancel();
      oldest.closeQuietly();
    }
  }

  private void sweep(long now) {
    for (SelectionKey key : selector.keys()) {
      if (key.attachment() instanceof HttpConnection c) {
        if (now - c.idleSince() >= IDLE_TIMEOUT_NANOS) {
          key.cancel();
          c.closeQuietly();
        }
      }
    }
  }

  private void closeReturning() {
    HttpConnection c;
    while ((c = returning.poll()) != null) {
      c.closeQuietly();
    }
  }

  /** Stops accepting and closes every idle connection; waits for the thread to end. */
  @Override
  public void close() {
    closed = true;
    selector.wakeup();
    Thread t;
    synchronized (this) {
      t = thread;
    }
    if (t == null) {
      try {
        selector.close();
        server.close();
      } catch (IOException e) {
        LOG.log(System.Logger.Level.DEBUG, "closing the listener: {0}", e.toString());
      }
      return;
    }
    try {
      t.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
