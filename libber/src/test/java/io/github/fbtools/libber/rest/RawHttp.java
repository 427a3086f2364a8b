package io.github.fbtools.libber.rest;

import io.github.fbtools.core.json.FbJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Test helper: HTTP/1.1 over a plain socket, so that a test can send any head a browser or an
 * attacker could (a foreign {@code Host}, {@code Origin: null}, a broken chunk), and read the
 * answer as sent. Also snapshots a folder tree, to show that a request wrote nothing.
 */
final class RawHttp {
  private RawHttp() {}

  /** One answer: status, headers (names in lower case), body. */
  record Answer(int status, Map<String, String> headers, String body) {
    Map<String, Object> json() {
      return FbJson.parseObject(body);
    }

    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  /** Sends {@code head} (CRLF line ends are added) and {@code body}; reads one answer. */
  static Answer send(int port, String head, String body) throws IOException {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    String h = head.replace("\n", "\r\n");
    if (!h.endsWith("\r\n")) {
      h += "\r\n";
    }
    h += "Content-Length: " + b.length + "\r\nConnection: close\r\n\r\n";
    return sendBytes(port, concat(h.getBytes(StandardCharsets.ISO_8859_1), b));
  }

  /** A POST from a client that is not a browser, with {@code headers} added. */
  static Answer post(int port, String path, String headers, String json) throws IOException {
    return send(
        port,
        "POST " + path + " HTTP/1.1\nHost: 127.0.0.1:" + port + "\n" + headers,
        json);
  }

  /** Sends raw bytes as they are; reads one answer (the server closes afterwards). */
  static Answer sendBytes(int port, byte[] request) throws IOException {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      s.setSoTimeout(30_000);
      s.getOutputStream().write(request);
      s.getOutputStream().flush();
      return read(s.getInputStream());
    }
  }

  /** Reads one answer; the body up to Content-Length, or to the end of the stream. */
  static Answer read(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4) {
      int c = in.read();
      if (c < 0) {
        throw new IOException("the connection closed before the answer's head ended: " + head);
      }
      head.write(c);
      matched = (c == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (c == '\r' ? 1 : 0);
    }
    String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    Map<String, String> headers = new TreeMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) {
        headers.put(
            lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
            lines[i].substring(colon + 1).trim());
      }
    }
    String length = headers.get("content-length");
    byte[] body;
    if (length != null) {
      body = in.readNBytes(Integer.parseInt(length));
    } else {
      body = in.readAllBytes();
    }
    return new Answer(status, headers, new String(body, StandardCharsets.UTF_8));
  }

  /** Whether the server closed the socket (EOF or reset) within the socket's read timeout. */
  static boolean closedByServer(Socket s) throws IOException {
    try {
      while (true) {
        int c = s.getInputStream().read();
        if (c < 0) {
          return true;
        }
      }
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true; // reset
    }
  }

  /** Every file and folder under {@code root} with its bytes (files) or a marker (others). */
  static Map<String, String> snapshot(Path root) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : (Iterable<Path>) all::iterator) {
        BasicFileAttributes a =
            Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        String key = root.relativize(p).toString();
        if (a.isRegularFile()) {
          out.put(key, new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1)
              + "@" + a.lastModifiedTime().toMillis());
        } else if (a.isSymbolicLink()) {
          out.put(key, "-> " + Files.readSymbolicLink(p));
        } else {
          out.put(key, "dir");
        }
      }
    }
    return out;
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
