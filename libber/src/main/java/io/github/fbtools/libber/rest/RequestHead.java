package io.github.fbtools.libber.rest;

import com.sun.net.httpserver.Headers;
import io.github.fbtools.core.InvalidNameException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.annotation.Nullable;

/**
 * The head of one HTTP/1.x request, read strictly (RFC 9112) by {@link FbToolsHttpServer}'s own
 * connection handling, so that every malformed head is answered in the API's error shape:
 *
 * <ul>
 *   <li>the request line is {@code METHOD SP target SP HTTP/1.0} or {@code HTTP/1.1}; another
 *       {@code HTTP/x.y} is 505, anything else 400. The target is checked by {@link
 *       RequestTarget};
 *   <li>lines end in CRLF; a bare LF is accepted too (RFC 9112, section 2.2), a bare CR is not.
 *       Empty lines before the request line are skipped;
 *   <li>a header line is a token, a colon with no space before it, and a value of visible
 *       characters, spaces and tabs (bytes over 0x7f are kept as ISO-8859-1); a continuation line
 *       (obs-fold) is refused;
 *   <li>the head is at most {@link #MAX_HEAD_BYTES} bytes (414 while in the request line, else
 *       431) and {@link #MAX_FIELDS} header lines (431);
 *   <li>{@code Content-Length} is a non-negative decimal (repeated equal values are one value);
 *       {@code Transfer-Encoding} may only be {@code chunked} (another coding is 501) and never
 *       comes with a {@code Content-Length} or in an HTTP/1.0 request (400); more than one {@code
 *       Host} is 400; an {@code Expect} other than {@code 100-continue} is 417.
 * </ul>
 *
 * <p>Every refusal is an {@link ApiException} whose answer carries {@code Connection: close}.
 *
 * <!-- given: ConnectionInput in -->
 * <pre>{@code
 * RequestHead head = RequestHead.read(in); // null if the client closed before sending a byte
 * }</pre>
 *
 * <p>Immutable once read; not shared between threads.
 */
final class RequestHead {
  /** The most bytes a request head may have, request line included. */
  static final int MAX_HEAD_BYTES = 16 * 1024;

  /** The most header lines a request head may have. */
  static final int MAX_FIELDS = 100;

  private static final int MAX_EMPTY_LINES = 8;

  final String method;
  final String rawTarget;
  final RequestTarget target;
  final boolean http11;
  final Headers headers;
  final long contentLength; // -1: none
  final boolean chunked;
  final boolean expectContinue;
  final boolean keepAlive;

  private RequestHead(
      String method,
      String rawTarget,
      RequestTarget target,
      boolean http11,
      Headers headers,
      long contentLength,
      boolean chunked,
      boolean expectContinue,
      boolean keepAlive) {
    this.method = method;
    this.rawTarget = rawTarget;
    this.target = target;
    this.http11 = http11;
    this.headers = headers;
    this.contentLength = contentLength;
    this.chunked = chunked;
    this.expectContinue = expectContinue;
    this.keepAlive = keepAlive;
  }

  /** What was read of a head before it was refused: the method, if the request line was read. */
  static final class Refusal extends IOException {
    private static final long serialVersionUID = 1L;
    final transient ApiResponse response;
    final String method;

    Refusal(int status, String message, String method) {
      super(message);
      this.response = ApiResponse.error(status, message).withHeader("Connection", "close");
      this.method = method;
    }
  }

  /**
   * Reads one request head.
   *
   * @return the head, or null if the stream ended before the first byte of a request
   * @throws Refusal if the head is malformed or over a limit (answer it, then close)
   * @throws IOException if the client went away in the middle or was cut off
   */
  @Nullable
  static RequestHead read(ConnectionInput in) throws IOException {
    int[] budget = {MAX_HEAD_BYTES};
    String line;
    int empty = 0;
    do {
      line = in.readLine(budget, true);
      if (line == null) {
        return null; // a clean end between requests
      }
      if (line.isEmpty() && ++empty > MAX_EMPTY_LINES) {
        throw new Refusal(400, "bad request line: only empty lines", "GET");
      }
    } while (line.isEmpty());
    if (budget[0] < 0) {
      throw new Refusal(414, "the request line is longer than " + MAX_HEAD_BYTES + " bytes", "GET");
    }
    int sp1 = line.indexOf(' ');
    int sp2 = sp1 < 0 ? -1 : line.indexOf(' ', sp1 + 1);
    if (sp1 <= 0 || sp2 < 0 || line.indexOf(' ', sp2 + 1) >= 0 || sp2 == sp1 + 1
        || !isToken(line, 0, sp1)) {
      throw new Refusal(400, "bad request line " + InvalidNameException.echo(line)
          + ": it must be METHOD SP target SP HTTP/1.1", "GET");
    }
    String method = line.substring(0, sp1);
    String rawTarget = line.substring(sp1 + 1, sp2);
    String version = line.substring(sp2 + 1);
    boolean http11;
    if (version.equals("HTTP/1.1")) {
      http11 = true;
    } else if (version.equals("HTTP/1.0")) {
      http11 = false;
    } else if (version.matches("HTTP/[0-9]\\.[0-9]")) {
      throw new Refusal(505, "HTTP version " + version + " is not supported; use HTTP/1.1",
          method);
    } else {
      throw new Refusal(400, "bad request line " + InvalidNameException.echo(line)
          + ": the version must be HTTP/1.1 or HTTP/1.0", method);
    }
    RequestTarget target;
    try {
      target = RequestTarget.parse(rawTarget);
    } catch (ApiException e) {
      throw new Refusal(400, e.getMessage(), method);
    }
    Headers headers = readFields(in, budget, method);
    return framing(method, rawTarget, target, http11, headers);
  }

  private static Headers readFields(ConnectionInput in, int[] budget, String method)
      throws IOException {
    Headers headers = new Headers();
    int count = 0;
    while (true) {
      String line = in.readLine(budget, false);
      if (line == null) {
        throw new IOException("the client closed the connection in the request head");
      }
      if (budget[0] < 0) {
        throw new Refusal(431, "the request head is longer than " + MAX_HEAD_BYTES + " bytes",
            method);
      }
      if (line.isEmpty()) {
        return headers;
      }
      if (++count > MAX_FIELDS) {
        throw new Refusal(431, "the request head has more than " + MAX_FIELDS + " header lines",
            method);
      }
      char first = line.charAt(0);
      if (first == ' ' || first == '\t') {
        throw new Refusal(400, "header line " + count + " " + InvalidNameException.echo(line)
            + " continues the previous one (obs-fold), which is not allowed", method);
      }
      int colon = line.indexOf(':');
      if (colon < 0) {
        throw new Refusal(400, "header line " + count + " " + InvalidNameException.echo(line)
            + " has no colon", method);
      }
      if (colon == 0 || !isToken(line, 0, colon)) {
        throw new Refusal(400, "header line " + count + ": the name "
            + InvalidNameException.echo(line.substring(0, colon))
            + " is not a token (letters, digits and !#$%&'*+-.^_`|~, no space before the colon)",
            method);
      }
      int start = colon + 1;
      int end = line.length();
      while (start < end && isBlank(line.charAt(start))) {
        start++;
      }
      while (end > start && isBlank(line.charAt(end - 1))) {
        end--;
      }
      for (int i = start; i < end; i++) {
        char c = line.charAt(i);
        if ((c < 0x20 && c != '\t') || c == 0x7f) {
          throw new Refusal(400, "header " + InvalidNameException.echo(line.substring(0, colon))
              + ": control character " + String.format(Locale.ROOT, "0x%02x", (int) c)
              + " in the value", method);
        }
      }
      headers.add(line.substring(0, colon), line.substring(start, end));
    }
  }

  private static RequestHead framing(
      String method, String rawTarget, RequestTarget target, boolean http11, Headers headers)
      throws Refusal {
    List<String> hosts = headers.get("Host");
    if (hosts != null && hosts.size() > 1) {
      throw new Refusal(400, "more than one Host header", method);
    }
    List<String> te = headers.get("Transfer-Encoding");
    List<String> cl = headers.get("Content-Length");
    if (te != null && cl != null) {
      throw new Refusal(400,
          "both Transfer-Encoding and Content-Length: the body's length is ambiguous", method);
    }
    boolean chunked = false;
    if (te != null) {
      if (!http11) {
        throw new Refusal(400, "Transfer-Encoding in an HTTP/1.0 request", method);
      }
      List<String> codings = elements(te);
      for (String coding : codings) {
        if (!coding.equalsIgnoreCase("chunked")) {
          throw new Refusal(501, "transfer coding " + InvalidNameException.echo(coding)
              + " is not supported; send the body as is or chunked", method);
        }
      }
      if (codings.size() != 1) {
        throw new Refusal(400, "Transfer-Encoding " + InvalidNameException.echo(String.join(", ",
            te)) + ": chunked must appear exactly once", method);
      }
      chunked = true;
    }
    long length = -1;
    if (cl != null) {
      for (String value : elements(cl)) {
        long v = decimal(value, method);
        if (length >= 0 && v != length) {
          throw new Refusal(400, "Content-Length values differ: "
              + InvalidNameException.echo(String.join(", ", cl)), method);
        }
        length = v;
      }
      if (length < 0) {
        throw new Refusal(400, "empty Content-Length", method);
      }
      headers.set("Content-Length", Long.toString(length));
    }
    boolean expectContinue = false;
    String expect = headers.getFirst("Expect");
    if (expect != null) {
      if (!expect.equalsIgnoreCase("100-continue")) {
        throw new Refusal(417, "Expect " + InvalidNameException.echo(expect)
            + " is not supported; only 100-continue is", method);
      }
      expectContinue = http11;
    }
    boolean keepAlive = http11;
    List<String> connection = headers.get("Connection");
    if (connection != null) {
      for (String option : elements(connection)) {
        if (option.equalsIgnoreCase("close")) {
          keepAlive = false;
          break;
        }
        if (option.equalsIgnoreCase("keep-alive")) {
          keepAlive = true;
        }
      }
    }
    return new RequestHead(method, rawTarget, target, http11, headers, length, chunked,
        expectContinue, keepAlive);
  }

  private static long decimal(String value, String method) throws Refusal {
    if (value.isEmpty() || value.length() > 18 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new Refusal(value.length() > 18 && value.chars().allMatch(c -> c >= '0' && c <= '9')
          ? 413 : 400,
          "Content-Length " + InvalidNameException.echo(value)
              + " is not a non-negative decimal number of bytes"
              + (value.length() > 18 ? " this server can take" : ""), method);
    }
    return Long.parseLong(value);
  }

  /** The comma-separated elements of all of a header's lines, trimmed, empty ones left out. */
  private static List<String> elements(List<String> values) {
    List<String> out = new ArrayList<>();
    for (String v : values) {
      for (String e : v.split(",", -1)) {
        String t = e.strip();
        if (!t.isEmpty()) {
          out.add(t);
        }
      }
    }
    return out;
  }

  private static boolean isBlank(char c) {
    return c == ' ' || c == '\t';
  }

  /** Whether {@code s[from, to)} is a token (RFC 9110, section 5.6.2). */
  static boolean isToken(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
      if (!ok) {
        return false;
      }
    }
    return from < to;
  }

  /** The bytes of a head line as characters, one per byte. */
  static String latin1(byte[] bytes, int from, int to) {
    return new String(bytes, from, to - from, StandardCharsets.ISO_8859_1);
  }
}
