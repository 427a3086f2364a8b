package io.github.fbtools.libber.rest;

import io.github.fbtools.core.InvalidNameException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The request and response bodies of {@link FbToolsHttpServer}'s own HTTP/1.1 connections: a
 * request body of a known length or chunked (RFC 9112, section 7.1: strict chunk-size lines of hex
 * digits with optional extensions, CRLF after each chunk, trailer lines skipped), and a response
 * body of a fixed length. A malformed chunk is an {@link IOException} whose message says what was
 * wrong; {@link ExchangeIo} answers it with 400.
 *
 * <!-- given: ConnectionInput in -->
 * <pre>{@code
 * BodyStreams.RequestBody body = BodyStreams.chunked(in);
 * byte[] bytes = body.readAllBytes();
 * }</pre>
 *
 * <p>Not thread-safe: a body is read or written by the one thread serving its connection.
 */
final class BodyStreams {
  private static final int MAX_LINE = 4096;

  private BodyStreams() {}

  /** A request body; knows whether it has been read to its end. */
  abstract static class RequestBody extends InputStream {
    /** Whether the body has been read to its end (the next request can follow). */
    abstract boolean finished();

    /** How many bytes are still to come, or -1 if unknown (chunked). */
    abstract long remaining();

    @Override
    public final int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    /** Reads and drops the rest, at most {@code max} bytes; returns whether it ended. */
    final boolean skipRest(long max) throws IOException {
      byte[] b = new byte[8192];
      long left = max;
      while (!finished()) {
        if (left <= 0) {
          return false;
        }
        int n = read(b, 0, (int) Math.min(b.length, left));
        if (n < 0) {
          break;
        }
        left -= n;
      }
      return finished();
    }
  }

  /** A body of {@code length} bytes. */
  static RequestBody fixed(InputStream in, long length) {
    return new Fixed(in, length);
  }

  /** A chunked body. */
  static RequestBody chunked(ConnectionInput in) {
    return new Chunked(in);
  }

  private static final class Fixed extends RequestBody {
    private final InputStream in;
    private long left;

    Fixed(InputStream in, long length) {
      this.in = in;
      this.left = length;
    }

    @Override
    boolean finished() {
      return left == 0;
    }

    @Override
    long remaining() {
      return left;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (left == 0) {
        return -1;
      }
      if (len == 0) {
        return 0;
      }
      int n = in.read(b, off, (int) Math.min(len, left));
      if (n < 0) {
        throw new EOFException(
            "the client closed the connection with " + left + " bytes of the body unsent");
      }
      left -= n;
      return n;
    }
  }

  private static final class Chunked extends RequestBody {
    private final ConnectionInput in;
    private long chunkLeft; // bytes left in the current chunk
    private boolean inChunk;
    private boolean done;

    Chunked(ConnectionInput in) {
      this.in = in;
    }

    @Override
    boolean finished() {
      return done;
    }

    @Override
    long remaining() {
      return done ? 0 : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (len == 0) {
        return 0;
      }
      while (!inChunk) {
        if (done) {
          return -1;
        }
        startChunk();
      }
      int n = in.read(b, off, (int) Math.min(len, chunkLeft));
      if (n < 0) {
        throw new EOFException("the client closed the connection in a chunk");
      }
      chunkLeft -= n;
      if (chunkLeft == 0) {
        inChunk = false;
        String end = line();
        if (!end.isEmpty()) {
          throw new IOException("malformed chunked body: a chunk's data is not followed by CRLF");
        }
      }
      return n;
    }

    private void startChunk() throws IOException {
      String line = line();
      int end = line.indexOf(';');
      String size = (end < 0 ? line : line.substring(0, end)).stripTrailing();
      if (size.isEmpty() || size.length() > 15 || !size.chars().allMatch(BodyStreams::isHex)) {
        throw new IOException(
            "malformed chunked body: bad chunk size line " + InvalidNameException.echo(line));
      }
      long n = Long.parseLong(size, 16);
      if (n == 0) {
        // Trailer fields, if any, up to an empty line.
        int lines = 0;
        while (!line().isEmpty()) {
          if (++lines > RequestHead.MAX_FIELDS) {
            throw new IOException("malformed chunked body: too many trailer lines");
          }
        }
        done = true;
      } else {
        chunkLeft = n;
        inChunk = true;
      }
    }

    /** One line ending in CRLF, at most {@link #MAX_LINE} bytes. */
    private String line() throws IOException {
      StringBuilder sb = new StringBuilder();
      while (true) {
        int c = in.read();
        if (c < 0) {
          throw new EOFException("the client closed the connection in a chunked body");
        }
        if (c == '\r') {
          if (in.read() != '\n') {
            throw new IOException("malformed chunked body: a CR not followed by LF");
          }
          return sb.toString();
        }
        if (c == '\n' || c < 0x20 && c != '\t' || c == 0x7f) {
          throw new IOException("malformed chunked body: control character "
              + c + " in a chunk line " + InvalidNameException.echo(sb.toString()));
        }
        if (sb.length() >= MAX_LINE) {
          throw new IOException("malformed chunked body: a chunk line over " + MAX_LINE + " bytes");
        }
        sb.append((char) c);
      }
    }
  }

  private static boolean isHex(int c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  /** A response body of exactly {@code length} bytes; fewer leave the connection unusable. */
  static final class FixedOut extends OutputStream {
    private final OutputStream out;
    private long left;
    private boolean closed;

    FixedOut(OutputStream out, long length) {
      this.out = out;
      this.left = length;
    }

    boolean complete() {
      return left == 0;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      if (closed) {
        throw new IOException("the response body is closed");
      }
      if (len > left) {
        throw new IOException("the response body is longer than its Content-Length");
      }
      out.write(b, off, len);
      left -= len;
    }

    @Override
    public void flush() throws IOException {
      out.flush();
    }

    @Override
    public void close() throws IOException {
      if (!closed) {
        closed = true;
        out.flush();
      }
    }
  }
}
