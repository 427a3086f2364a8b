package io.github.fbtools.libber;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** RELIABILITY.md §5, SE1 (id quality) and SE2 (bad ids). */
class SessionIdTest {
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{43}");

  /**
   * SE1: 1,000,000 ids: all unique, all 43 base64url chars decoding to 32 bytes; every one of the
   * 256 bits is set in about half the ids (full entropy: no constant or missing byte); the byte
   * frequencies pass a chi-square sanity check.
   */
  @Test
  void se1MillionIdsAreUniqueWellFormedAndUseAllBits() {
    SessionStore<String> store =
        SessionStore.<String>builder().maxSessions(1).clock(new FakeClock()).build();
    int n = 1_000_000;
    long[] prefixes = new long[n];
    long[] bitCounts = new long[256];
    long[] byteCounts = new long[256];
    Base64.Decoder decoder = Base64.getUrlDecoder();
    for (int i = 0; i < n; i++) {
      Session<String> s = store.create("x");
      String id = s.id();
      store.delete(id);
      assertTrue(ID.matcher(id).matches(), id);
      byte[] bytes = decoder.decode(id);
      assertEquals(SessionStore.ID_BYTES, bytes.length);
      long prefix = 0;
      for (int b = 0; b < 32; b++) {
        int v = bytes[b] & 0xff;
        byteCounts[v]++;
        if (b < 8) {
          prefix = (prefix << 8) | v;
        }
        for (int bit = 0; bit < 8; bit++) {
          if ((v & (1 << bit)) != 0) {
            bitCounts[b * 8 + bit]++;
          }
        }
      }
      prefixes[i] = prefix;
    }
    // Unique: even the first 64 bits of every id differ (so the whole ids do).
    Arrays.sort(prefixes);
    for (int i = 1; i < n; i++) {
      assertTrue(prefixes[i] != prefixes[i - 1], "duplicate id prefix");
    }
    // Every bit position is set in n/2 +- 6 sigma ids (sigma = 500 for n = 1e6).
    for (int bit = 0; bit < 256; bit++) {
      assertTrue(Math.abs(bitCounts[bit] - n / 2) < 3_000, "bit " + bit + ": " + bitCounts[bit]);
    }
    // Chi-square over the 256 byte values (255 degrees of freedom). The critical value 375 is
    // p ~ 1e-6: a sanity check that fails by chance about once in a million runs.
    double expected = n * 32.0 / 256;
    double chi2 = 0;
    for (long c : byteCounts) {
      chi2 += (c - expected) * (c - expected) / expected;
    }
    assertTrue(chi2 < 375, "chi-square " + chi2);
    assertEquals(0, store.size());
  }

  /** SE2: malformed ids are refused cheaply, with at most 8 characters echoed. */
  @Test
  void se2MalformedIdsAreRefusedWithoutEchoingThem() {
    SessionStore<String> store = SessionStore.<String>builder().build();
    String longId = "A".repeat(10 * 1024);
    List<String> bad =
        List.of(
            longId,
            "",
            "short",
            "A".repeat(42),
            "A".repeat(44),
            "A".repeat(42) + "=",
            "A".repeat(42) + "+",
            "A".repeat(42) + "/",
            "A".repeat(40) + "../",
            "../x" + "A".repeat(39),
            "A".repeat(41) + "\r\n",
            "\u0000".repeat(43),
            "AAAAAAAAAA\u00e9" + "A".repeat(32),
            "AAAAAAA\nFORGED LOG LINE" + "A".repeat(20));
    for (String id : bad) {
      InvalidSessionIdException e =
          assertThrows(InvalidSessionIdException.class, () -> store.get(id), id);
      assertThrows(InvalidSessionIdException.class, () -> store.update(id, null, s -> s));
      assertThrows(InvalidSessionIdException.class, () -> store.delete(id));
      assertFalse(SessionStore.isWellFormedId(id));
      String message = e.getMessage();
      assertFalse(message.contains("\n") || message.contains("\r"), message);
      assertFalse(message.contains("FORGED"), message);
      assertTrue(message.length() < 160, message);
    }
    assertEquals(0, store.size());
  }

  /** SE2: well-formed unknown ids are not found, and no entry is created. */
  @Test
  void se2UnknownIdsAreNotFoundAndCreateNothing() {
    SessionStore<String> store = SessionStore.<String>builder().build();
    Session<String> real = store.create("x");
    SplittableRandom random = new SplittableRandom(42);
    Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
    for (int i = 0; i < 10_000; i++) {
      byte[] bytes = new byte[32];
      random.nextBytes(bytes);
      String id = encoder.encodeToString(bytes);
      SessionNotFoundException e =
          assertThrows(SessionNotFoundException.class, () -> store.get(id));
      assertFalse(e.getMessage().contains(id));
      assertTrue(e.getMessage().contains(id.substring(0, 8)));
      assertThrows(SessionNotFoundException.class, () -> store.update(id, 0L, s -> s + "!"));
      assertFalse(store.delete(id));
    }
    assertEquals(1, store.size());
    assertEquals("x", store.get(real.id()).state());
  }

  @Test
  void echoKeepsEightEscapedCharacters() {
    assertEquals("\"abc\"", SessionException.echo("abc"));
    assertEquals("\"abcdefgh...\"", SessionException.echo("abcdefghijkl"));
    assertEquals("\"a\\u000ab\\u0022\\u005c\"", SessionException.echo("a\nb\"\\"));
  }
}
