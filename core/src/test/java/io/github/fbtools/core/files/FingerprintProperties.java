package io.github.fbtools.core.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.testing.EqualsTester;
import io.github.fbtools.core.testing.Gen;
import io.github.fbtools.core.testing.Pbt;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Issue 12 item 5: one fingerprint type, whose text form is the wire form files and sessions keep. */
class FingerprintProperties {
  /** Byte arrays, often equal or near each other, so that both sides of the iff are drawn. */
  private static final Gen<byte[][]> PAIRS =
      r -> {
        byte[] a = new byte[r.nextInt(6)];
        r.nextBytes(a);
        byte[] b;
        switch (r.nextInt(3)) {
          case 0 -> b = a.clone();
          case 1 -> {
            b = a.clone();
            if (b.length > 0) {
              b[r.nextInt(b.length)] ^= (byte) (1 + r.nextInt(255));
            }
          }
          default -> {
            b = new byte[r.nextInt(6)];
            r.nextBytes(b);
          }
        }
        return new byte[][] {a, b};
      };

  @Test
  void parseReadsBackToStringAndEqualBytesAreEqualFingerprints() {
    Pbt.forAll(
        "fingerprint text round trip, equal iff equal bytes",
        PAIRS,
        pair -> {
          Fingerprint a = Fingerprint.of(pair[0]);
          Fingerprint b = Fingerprint.of(pair[1]);
          assertEquals(a, Fingerprint.parse(a.toString()));
          assertEquals(a.hashCode(), Fingerprint.parse(a.toString()).hashCode());
          assertEquals(Arrays.equals(pair[0], pair[1]), a.equals(b));
          assertFalse(a.isAbsent());
          assertFalse(a.equals(Fingerprint.absent()));
        });
  }

  @Test
  void theTextFormIsTheWireFormOfBefore() {
    // sha256("abc"), as the library wrote it before it had a type for it.
    assertEquals(
        "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
        Fingerprint.of("abc".getBytes(StandardCharsets.US_ASCII)).toString());
    assertEquals("absent", Fingerprint.absent().toString());
    assertSame(Fingerprint.absent(), Fingerprint.parse("absent"));
    assertTrue(Fingerprint.parse("absent").isAbsent());
    assertEquals(Fingerprint.absent(), Fingerprint.ofNullable(null));
    new EqualsTester()
        .addEqualityGroup(Fingerprint.absent(), Fingerprint.parse("absent"))
        .addEqualityGroup(Fingerprint.of(new byte[0]), Fingerprint.of(new byte[0]))
        .addEqualityGroup(Fingerprint.of(new byte[] {0}))
        .testEquals();
  }

  @Test
  void parseRefusesAnythingElseNamingIt() {
    for (String bad :
        new String[] {
          "",
          "Absent",
          "sha256:",
          "sha256:ABC",
          "sha256:" + "g".repeat(64),
          "sha256:" + "A".repeat(64),
          "sha256:" + "a".repeat(63),
          "sha256:" + "a".repeat(65),
          "md5:" + "a".repeat(64),
          " sha256:" + "a".repeat(64)
        }) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> Fingerprint.parse(bad), bad);
      assertTrue(e.getMessage().contains("\"" + bad + "\""), e.getMessage());
    }
    assertEquals(
        Fingerprint.of(new byte[] {1}), Fingerprint.parse(Fingerprint.of(new byte[] {1}).toString()));
  }
}
