package io.github.fbtools.libber.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fbtools.core.testing.Gen;
import io.github.fbtools.core.testing.Pbt;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Random and mutated request heads against a real server: whatever arrives, the server answers
 * only in JSON (or closes without an answer), never takes longer than its timeouts, and keeps
 * serving afterwards (nothing escapes from the acceptor or the workers).
 */
class HttpHeadProperties {
  private static final String[] SEEDS = {
    "GET /fbtools/openapi.json HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
    "POST /fbtools/prompts/create HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json"
        + "\r\nContent-Length: 2\r\n\r\n{}",
    "POST /fbtools/prompts/create HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json"
        + "\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n",
    "GET /fbtools/prompts/get?session_id=%41%42 HTTP/1.0\r\nHost: [::1]\r\n"
        + "Connection: keep-alive\r\n\r\n",
    "OPTIONS /fbtools/libber/list HTTP/1.1\r\nHost: 127.0.0.1\r\nOrigin: http://x.example\r\n"
        + "Access-Control-Request-Method: POST\r\n\r\n",
  };
  private static final byte[] INTERESTING =
      " \t\r\n:%;,?#/\u0000\u007f\u0080\u00ffaZ0-\"<>".getBytes(StandardCharsets.ISO_8859_1);

  private static final Gen<byte[]> HEADS =
      r -> {
        byte[] b = SEEDS[r.nextInt(SEEDS.length)].getBytes(StandardCharsets.ISO_8859_1);
        int mutations = 1 + r.nextInt(4);
        for (int m = 0; m < mutations; m++) {
          int at = r.nextInt(b.length + 1);
          ByteArrayOutputStream out = new ByteArrayOutputStream();
          switch (r.nextInt(5)) {
            case 0: // insert a byte
              out.write(b, 0, at);
              out.write(r.nextBoolean() ? INTERESTING[r.nextInt(INTERESTING.length)]
                  : r.nextInt(256));
              out.write(b, at, b.length - at);
              break;
            case 1: // delete a byte
              out.write(b, 0, at);
              if (at < b.length) {
                out.write(b, at + 1, b.length - at - 1);
              }
              break;
            case 2: // repeat a stretch
              int len = r.nextInt(Math.min(40, b.length - Math.min(at, b.length - 1)));
              out.write(b, 0, at);
              out.write(b, Math.min(at, b.length - 1), len);
              out.write(b, at, b.length - at);
              break;
            case 3: // cut
              out.write(b, 0, at);
              break;
            default: // an odd header
              out.write(b, 0, Math.min(at, b.length));
              out.writeBytes(String.format(Locale.ROOT, "X-%d: %s\r\n", r.nextInt(9),
                  "v".repeat(r.nextInt(3) == 0 ? 20_000 : 3)).getBytes(StandardCharsets.US_ASCII));
              out.write(b, at, b.length - at);
          }
          b = out.toByteArray();
        }
        return b;
      };

  private static final AtomicInteger ANSWERS = new AtomicInteger();
  private static final AtomicInteger ERRORS = new AtomicInteger();
  private FbToolsHttpServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void everyHeadIsAnsweredInJsonOrClosedWithinTheTimeouts() throws Exception {
    server = FbToolsHttpServer.builder(FbToolsApi.builder().build())
        .threads(2)
        .readTimeout(Duration.ofSeconds(1))
        .writeTimeout(Duration.ofSeconds(1))
        .start();
    int port = server.port();
    Pbt.forAll("mutated HTTP request heads", 200, HEADS, head -> check(port, head));
    // The inputs reach both the router and the head parser's refusals.
    assertTrue(ANSWERS.get() > 100 && ERRORS.get() > 20,
        ANSWERS.get() + " answers, " + ERRORS.get() + " of them 4xx/5xx");
    // The server still serves.
    assertEquals(200, RawHttp.send(port,
        "GET /fbtools/openapi.json HTTP/1.1\nHost: 127.0.0.1", "").status());
  }

  private static void check(int port, byte[] head) {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      // Read timeout 1 s + write timeout 1 s + the watchdog's tick, with room for a slow machine.
      s.setSoTimeout(8_000);
      s.getOutputStream().write(head);
      s.getOutputStream().flush();
      s.shutdownOutput(); // what is cut short ends here
      InputStream in = s.getInputStream();
      byte[] all;
      try {
        all = in.readAllBytes();
      } catch (SocketTimeoutException e) {
        throw new AssertionError("the server neither answered nor closed within 8 s", e);
      } catch (IOException reset) {
        return; // closed (reset) without an answer: allowed
      }
      String text = new String(all, StandardCharsets.ISO_8859_1);
      int at = 0;
      while (at < text.length()) {
        assertTrue(text.startsWith("HTTP/1.1 ", at), "not a status line: " + text);
        int end = text.indexOf("\r\n\r\n", at);
        assertTrue(end > 0, "an answer without the end of its head: " + text);
        String answerHead = text.substring(at, end).toLowerCase(Locale.ROOT);
        int status = Integer.parseInt(answerHead.substring(9, 12));
        int length = 0;
        for (String line : answerHead.split("\r\n")) {
          if (line.startsWith("content-length:")) {
            length = Integer.parseInt(line.substring(15).trim());
          }
        }
        ANSWERS.incrementAndGet();
        if (status >= 400) {
          ERRORS.incrementAndGet();
        }
        if (status != 204 && status != 100) {
          assertTrue(answerHead.contains("\r\ncontent-type: application/json; charset=utf-8"),
              "not JSON: " + answerHead);
        }
        at = end + 4 + length;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
