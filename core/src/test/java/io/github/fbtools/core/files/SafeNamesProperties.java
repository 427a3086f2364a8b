package io.github.fbtools.core.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fbtools.core.InvalidNameException;
import io.github.fbtools.core.files.SafeNames.Kind;
import io.github.fbtools.core.testing.Gens;
import io.github.fbtools.core.testing.Pbt;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** P3 of RELIABILITY.md §4: seeded random names never escape the root. */
class SafeNamesProperties {
  /** The alphabet of P3: separators, dots, percent, drive colon, NUL, look-alike slashes. */
  private static final String ALPHABET = "./\\%a:\u0000\u2215\uff0f ";

  private static final int TRIES = 100_000;

  @TempDir Path tmp;

  @Test
  void p3RandomNamesOverTheTraversalAlphabetNeverEscapeTheRoot() throws IOException {
    Path linkedRoot = Files.createSymbolicLink(tmp.resolve("root-link"), Files.createDirectory(tmp.resolve("root")));
    Path realRoot = linkedRoot.toRealPath();
    Kind[] kinds = Kind.values();
    AtomicInteger accepted = new AtomicInteger();
    int tries =
        Pbt.forAll(
            "P3 traversal alphabet never escapes the root",
            TRIES,
            Gens.strings(ALPHABET, 0, 20),
            name -> {
              for (Kind kind : kinds) {
                Path p;
                try {
                  p = SafeNames.resolve(linkedRoot, kind, name);
                } catch (InvalidNameException e) {
                  continue;
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
                accepted.incrementAndGet();
                assertTrue(p.startsWith(realRoot), p.toString());
                assertEquals(realRoot.getNameCount() + 1, p.getNameCount(), p.toString());
                assertEquals(realRoot, p.normalize().getParent());
              }
            });
    assertEquals(TRIES, tries);
    assertTrue(accepted.get() > 0, "some names over this alphabet are valid ('a', 'a a', ...)");
    System.out.println("P3: " + tries + " names x " + kinds.length + " kinds, " + accepted.get() + " accepted, 0 escapes");
  }

  @Test
  void acceptedUnicodeNamesAreInertOnEveryPlatform() {
    Pbt.forAll(
        "accepted names are inert",
        Gens.unicodeStrings(0, 12),
        name -> {
          for (Kind kind : Kind.values()) {
            if (!SafeNames.isValid(kind, name)) {
              continue;
            }
            String folded = Normalizer.normalize(name, Normalizer.Form.NFKC);
            for (String form : new String[] {name, folded}) {
              assertFalse(form.isEmpty());
              assertFalse(form.contains(".."));
              assertTrue(form.chars().noneMatch(c -> "/\\:*?\"<>|%".indexOf(c) >= 0), form);
              assertTrue(form.chars().noneMatch(Character::isISOControl), form);
              assertFalse(form.endsWith(".") || form.endsWith(" "));
              String base = form.contains(".") ? form.substring(0, form.indexOf('.')) : form;
              assertFalse(
                  base.strip().toLowerCase(Locale.ROOT).matches("con|prn|aux|nul|com\\d|lpt\\d"));
            }
          }
        });
  }
}
