package io.github.fbtools.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * Prints the SHA-256 of a corpus of everything {@link FbGen} makes for seeds 0..99 (story trees,
 * for one seed in four, written under the folder given as the first argument). {@link DeterminismTest} runs it in a
 * second JVM and compares.
 */
final class DeterminismMain {
  private DeterminismMain() {}

  public static void main(String[] args) throws IOException {
    System.out.println(digest(Path.of(args[0]), false));
  }

  /** The corpus digest; {@code reversed} draws the seeds and methods in another order. */
  static String digest(Path dir, boolean reversed) throws IOException {
    MessageDigest md;
    try {
      md = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
    byte[][] parts = new byte[100][];
    for (int i = 0; i < 100; i++) {
      int seed = reversed ? 99 - i : i;
      parts[seed] = corpus(seed, dir.resolve("t" + seed), reversed);
    }
    for (byte[] p : parts) {
      md.update(p);
    }
    return HexFormat.of().formatHex(md.digest());
  }

  private static byte[] corpus(long seed, Path dir, boolean reversed) throws IOException {
    FbGen gen = FbGen.of(seed);
    int size = (int) (seed % 30);
    LibberOptions options =
        LibberOptions.builder()
            .cycles(seed % 2 == 0)
            .undefinedKeys(seed % 3 == 0)
            .unmatchableKeys(seed % 5 == 0)
            .otherDelimiters(seed % 7 == 0)
            .expansionBomb(seed % 11 == 0 ? 100 : 0)
            .build();
    // A story tree for one seed in four: each write is fsynced, and trees are slow to write.
    boolean withTree = seed % 4 == 0;
    String tree = reversed || !withTree ? "" : tree(gen, dir);
    StringBuilder sb = new StringBuilder();
    List<String> pieces =
        List.of(
            gen.hostileName().toString(),
            new String(gen.hostilePromptsJson().bytes(), StandardCharsets.ISO_8859_1),
            gen.libberText(gen.libber(size, options), size),
            gen.libber(size, options).toJson(),
            gen.libberJson(size),
            gen.promptCollection(size).toJson(),
            gen.promptsJson(size));
    for (String p : reversed ? pieces : List.copyOf(pieces)) {
      sb.append(p).append('\u0000');
    }
    sb.append(reversed && withTree ? tree(gen, dir) : tree);
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String tree(FbGen gen, Path dir) throws IOException {
    Path story = gen.storyTree(dir, (int) (gen.seed() % 5));
    StringBuilder sb = new StringBuilder(dir.relativize(story).toString());
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted().toList()) {
        if (Files.isRegularFile(p)) {
          sb.append(dir.relativize(p)).append('=');
          sb.append(new String(Files.readAllBytes(p), StandardCharsets.UTF_8)).append('\u0000');
        }
      }
    }
    return sb.toString();
  }
}
