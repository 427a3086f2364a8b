package io.github.fbtools.migration;

import io.github.fbtools.core.PromptCollection;
import io.github.fbtools.core.files.FileChangedException;
import io.github.fbtools.core.files.PromptFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The child process of {@link MigrationKillTest} (T1.2, T1.3) and {@link
 * MigrationConcurrencyTest} (T1.8). Arguments: {@code <mode> <root> <seed> [<jobs>]}: the
 * migrations run with that many {@linkplain PromptMigrator.Builder#jobs(int) jobs} (default: the
 * migrator's default).
 *
 * <ul>
 *   <li>{@code soak}: prints {@code ready <jobs> jobs}, migrates the tree, prints {@code migrated <counts>},
 *       then edits random scenes through {@link PromptFiles} (load, change a prompt, save with the
 *       fingerprint) until killed.
 *   <li>{@code final}: migrates the tree, prints {@code final <counts>} and one line per failure,
 *       exits 0 (or 2 if a scene failed).
 *   <li>{@code concurrent}: prints {@code ready}, waits for a line on stdin, migrates the tree,
 *       prints the report's JSON on one line and {@code end}, exits 0.
 *   <li>{@code naive} (the negative control): prints {@code ready}, then rewrites scenes the
 *       reference's way, truncating the file and writing it in 4 KiB chunks: first a backup, then
 *       the version 2 file, then edits; until killed.
 * </ul>
 *
 * <p>Exit 2 and a stack trace on any unexpected exception.
 */
final class SoakMain {
  private SoakMain() {}

  public static void main(String[] args) throws Exception {
    String mode = args[0];
    Path root = Path.of(args[1]);
    SplittableRandom random = new SplittableRandom(Long.parseLong(args[2]));
    PromptMigrator migrator =
        args.length > 3
            ? PromptMigrator.builder().jobs(Integer.parseInt(args[3])).build()
            : PromptMigrator.create();
    try {
      switch (mode) {
        case "soak":
          soak(migrator, root, random);
          break;
        case "final":
          {
            MigrationReport report = migrator.migrateTree(root);
            System.out.println("final " + report.counts());
            report.failures().forEach(System.out::println);
            System.out.flush();
            System.exit(report.hasFailures() ? 2 : 0);
            break;
          }
        case "concurrent":
          {
            System.out.println("ready");
            System.out.flush();
            new java.io.BufferedReader(
                    new java.io.InputStreamReader(System.in, java.nio.charset.StandardCharsets.UTF_8))
                .readLine();
            MigrationReport report = migrator.migrateTree(root);
            System.out.println(report.toJson().replace("\n", " "));
            System.out.println("end");
            System.out.flush();
            System.exit(0);
            break;
          }
        case "naive":
          naive(root, random);
          break;
        default:
          throw new IllegalArgumentException("mode: " + mode);
      }
    } catch (Exception | Error e) {
      e.printStackTrace(System.out);
      System.out.flush();
      System.exit(2);
    }
  }

  private static List<Path> scenes(Path root) throws IOException {
    return PromptMigrator.create().scenes(root);
  }

  private static void soak(PromptMigrator migrator, Path root, SplittableRandom random)
      throws IOException {
    System.out.println("ready " + migrator.jobs() + " jobs");
    System.out.flush();
    MigrationReport report = migrator.migrateTree(root);
    System.out.println("migrated " + report.counts());
    for (MigrationResult failure : report.failures()) {
      System.out.println("FAILED " + failure);
    }
    System.out.flush();
    List<Path> scenes = scenes(root);
    PromptFiles files = PromptFiles.create();
    while (true) {
      Path scene = scenes.get(random.nextInt(scenes.size()));
      PromptFiles.Loaded loaded = files.load(scene);
      PromptCollection c = loaded.collection();
      String key = "edit_" + random.nextInt(8);
      PromptCollection edited =
          random.nextInt(4) == 0
              ? c.withoutPrompt(key)
              : c.withPrompt(key, V1Files.text(random, 10 + random.nextInt(300)));
      try {
        files.write(scene, edited, loaded.fingerprint());
      } catch (FileChangedException e) {
        throw new IllegalStateException("nobody else writes here", e);
      }
    }
  }

  private static void naive(Path root, SplittableRandom random) throws IOException {
    List<Path> scenes = scenes(root);
    List<byte[]> originals = new ArrayList<>();
    List<byte[]> migrated = new ArrayList<>();
    List<byte[]> edited = new ArrayList<>();
    for (Path s : scenes) {
      byte[] now = Files.readAllBytes(PromptFiles.file(s));
      PromptCollection c = PromptCollection.fromJson(now);
      originals.add(now); // the backup is written only while the file is still the original
      migrated.add(c.toJson().getBytes(java.nio.charset.StandardCharsets.UTF_8));
      edited.add(
          c.withPrompt("naive", "edited the naive way")
              .toJson()
              .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    System.out.println("ready");
    System.out.flush();
    while (true) {
      int i = random.nextInt(scenes.size());
      Path s = scenes.get(i);
      if (!Files.exists(PromptFiles.backupFile(s))) {
        truncateAndWrite(PromptFiles.backupFile(s), originals.get(i));
      }
      truncateAndWrite(PromptFiles.file(s), random.nextBoolean() ? migrated.get(i) : edited.get(i));
    }
  }

  /** What the reference does: truncate, then write in chunks; no temporary file, no rename. */
  private static void truncateAndWrite(Path file, byte[] bytes) throws IOException {
    try (OutputStream out =
        Files.newOutputStream(
            file,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE)) {
      for (int i = 0; i < bytes.length; i += 4096) {
        out.write(bytes, i, Math.min(4096, bytes.length - i));
      }
    }
  }
}
