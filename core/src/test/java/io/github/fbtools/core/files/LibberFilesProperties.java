package io.github.fbtools.core.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.github.fbtools.core.json.FormatException;
import io.github.fbtools.core.Libber;
import io.github.fbtools.core.testing.Gen;
import io.github.fbtools.core.testing.Pbt;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Seeded properties of {@link LibberFiles}: round trips, chained fingerprints, junk files. */
class LibberFilesProperties {
  @TempDir Path tmp;

  private final LibberFiles libbers = LibberFiles.using(FilesTesting.fastFiles());

  static int ioTries() {
    return Math.max(20, Pbt.tries() / 10);
  }

  @Test
  void everyLibberRoundTripsAndTheSecondSaveChangesNothing() {
    Fingerprint[] fingerprint = {Fingerprint.absent()};
    Pbt.forAll(
        "libber write, load, write",
        ioTries(),
        FilesGens.LIBBERS,
        libber -> {
          try {
            LibberFiles.Written w = libbers.write(tmp, "p", libber, fingerprint[0]);
            assertArrayEquals(
                libber.toJson().getBytes(StandardCharsets.UTF_8),
                Files.readAllBytes(tmp.resolve("p.json")));
            LibberFiles.Loaded loaded = libbers.load(tmp, "p").orElseThrow();
            assertEquals(libber, loaded.libber());
            assertEquals(w.fingerprint(), loaded.fingerprint());
            Map<String, String> once = FilesTesting.snapshot(tmp);
            LibberFiles.Written again = libbers.write(tmp, "p", loaded.libber(), loaded.fingerprint());
            assertFalse(again.changed());
            assertEquals(once, FilesTesting.snapshot(tmp));
            fingerprint[0] = again.fingerprint();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  /** Random bytes, or a valid Libber file cut short or with one byte changed. */
  static Gen<byte[]> junk() {
    return r -> {
      byte[] valid = FilesGens.LIBBERS.next(r).toJson().getBytes(StandardCharsets.UTF_8);
      switch (r.nextInt(3)) {
        case 0:
          byte[] b = new byte[r.nextInt(64)];
          r.nextBytes(b);
          return b;
        case 1:
          return Arrays.copyOf(valid, r.nextInt(valid.length));
        default:
          valid[r.nextInt(valid.length)] = (byte) r.nextInt(256);
          return valid;
      }
    };
  }

  @Test
  void anyFileContentLoadsOrIsAFormatExceptionAndNothingIsWritten() {
    Pbt.forAll(
        "libber junk",
        ioTries(),
        junk(),
        bytes -> {
          try {
            Files.write(tmp.resolve("j.json"), bytes);
            Map<String, String> before = FilesTesting.snapshot(tmp, true);
            try {
              libbers.load(tmp, "j").orElseThrow();
            } catch (FormatException e) {
              assertEquals(tmp.resolve("j.json").toRealPath().toString(), e.file().orElseThrow());
            }
            assertEquals(before, FilesTesting.snapshot(tmp, true));
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }
}
