package io.github.fbtools.libber.rest;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import javax.annotation.Nullable;

/**
 * The buffered bytes a client sent on one connection of {@link FbToolsHttpServer}: head lines are
 * read from it by {@link RequestHead}, bodies by {@link BodyStreams}, and what stays in the buffer
 * after a request (a pipelined next one) is kept for it.
 *
 * <!-- given: java.io.InputStream socketIn -->
 * <pre>{@code
 * ConnectionInput in = new ConnectionInput(socketIn);
 * RequestHead head = RequestHead.read(in);
 * }</pre>
 *
 * <p>Not thread-safe: one connection is served by one thread at a time.
 */
final class ConnectionInput extends InputStream {
  private final InputStream in;
  private final byte[] buffer = new byte[8192];
  private int pos;
  private int limit;

  ConnectionInput(InputStream in) {
    this.in = in;
  }

  /** Whether bytes of a next request are already buffered. */
  boolean hasBuffered() {
    return pos < limit;
  }

  private boolean fill() throws IOException {
    if (pos < limit) {
      return true;
    }
    int n = in.read(buffer, 0, buffer.length);
    if (n <= 0) {
      return false;
    }
    pos = 0;
    limit = n;
    return true;
  }

  @Override
  public int read() throws IOException {
    return fill() ? buffer[pos++] & 0xff : -1;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    if (!fill()) {
      return -1;
    }
    int n = Math.min(len, limit - pos);
    System.arraycopy(buffer, pos, b, off, n);
    pos += n;
    return n;
  }

  /**
   * Reads one line up to LF (a CR before it is dropped), taking its bytes from {@code budget[0]};
   * stops once the budget is spent (then {@code budget[0]} is negative and the line is partial).
   *
   * @param budget the bytes the rest of the head may have; decreased by what is read
   * @param mayEnd whether the stream may end before the line's first byte
   * @return the line (ISO-8859-1, one char per byte), or null if the stream ended first and
   *     {@code mayEnd}
   * @throws RequestHead.Refusal 400 for a CR that is not followed by LF
   * @throws EOFException if the stream ends in the middle
   */
  @Nullable
  String readLine(int[] budget, boolean mayEnd) throws IOException {
    StringBuilder line = new StringBuilder(64);
    boolean cr = false;
    while (true) {
      if (!fill()) {
        if (line.length() == 0 && !cr && mayEnd) {
          return null;
        }
        throw new EOFException("the client closed the connection in the request head");
      }
      int b = buffer[pos++] & 0xff;
      if (--budget[0] < 0) {
        return line.toString();
      }
      if (b == '\n') {
        return line.toString();
      }
      if (cr) {
        throw new RequestHead.Refusal(400, "a CR not followed by LF in the request head", "GET");
      }
      if (b == '\r') {
        cr = true;
      } else {
        line.append((char) b);
      }
    }
  }
}
