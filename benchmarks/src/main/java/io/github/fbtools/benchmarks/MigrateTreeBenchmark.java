package io.github.fbtools.benchmarks;

import io.github.fbtools.core.PromptCollection;
import io.github.fbtools.core.json.FbJson;
import io.github.fbtools.migration.MigrationReport;
import io.github.fbtools.migration.MigrationResult;
import io.github.fbtools.migration.PromptMigrator;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Migrating a tree of version 1 scenes ({@link PromptMigrator#migrateTree}) with one job and with
 * the default number of jobs, next to the anchor of issue 15: a minimal sequential durable writer
 * in the same JVM ({@link #minimalDurableWriter}), which does per scene only what the Python
 * anchor {@code benchmarks/migrate_min.py} does: read and convert, write {@code
 * prompts.json.v1.backup} with {@code CREATE_NEW} and flush it, write the version 2 file to a
 * temporary file, flush it, rename it over {@code prompts.json}, flush the folder. No lock, no
 * re-read, no leftover sweep, no second folder flush. Its conversion is the library's own ({@link
 * PromptCollection#fromJson(byte[])} then {@link PromptCollection#toJson()}), so the ratio shows
 * what the migrator's guarantees and its pool add or save, not the JSON codec. The
 * process-against-process comparison with Python, JVM start included, is {@code
 * benchmarks/run-migrate.sh}.
 *
 * <p>Each call migrates a fresh copy of one tree ({@link Level#Invocation} set-up, not timed) of
 * {@link #scenes} scene folders under the system temp folder, each with a seeded version 1 file of
 * 0.5 to 6 KB. {@link #setUp()} checks that the anchor and the migrator write the same bytes.
 * Single-shot times: each call is long (a second or more) and writes to the disk.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class MigrateTreeBenchmark {
  private static final String[] WORDS =
      ("a woman in a red coat walks through the rain at night neon light reflects on wet asphalt"
              + " slow pan close up wide shot cinematic soft focus caf\u00e9 na\u00efve \u65e5\u672c"
              + " portrait golden hour film grain 35mm backlit silhouette fog city street window")
          .split(" ");
  private static final String[] LEGACY = {
    "girl_pos", "male_pos", "four_image_prompt", "wan_prompt", "wan_low_prompt"
  };

  /** The number of scene folders in the tree. */
  @Param({"1000"})
  public int scenes;

  private Path template = Path.of(".");
  private Path work = Path.of(".");

  /**
   * Writes the tree and checks that the anchor and the migrator write the same bytes.
   *
   * @throws IOException if the tree cannot be written
   */
  @Setup(Level.Trial)
  public void setUp() throws IOException {
    Path root = Files.createTempDirectory("fbtools-migrate-bench-");
    template = Files.createDirectory(root.resolve("template"));
    work = root.resolve("work");
    SplittableRandom r = new SplittableRandom(20261204L);
    for (int i = 0; i < scenes; i++) {
      Path dir = Files.createDirectory(template.resolve(String.format("scene_%05d", i)));
      Files.write(dir.resolve("prompts.json"), v1(r));
    }
    Path check = root.resolve("check");
    copy(template, work);
    copy(template, check);
    MigrationReport report = PromptMigrator.create().migrateTree(work);
    if (report.count(MigrationResult.Outcome.MIGRATED) != scenes) {
      throw new IllegalStateException("the migrator did not migrate every scene: " + report.counts());
    }
    if (minimalWriter(check) != scenes) {
      throw new IllegalStateException("the anchor did not migrate every scene");
    }
    for (int i = 0; i < scenes; i++) {
      String name = String.format("scene_%05d", i);
      for (String file : List.of("prompts.json", "prompts.json.v1.backup")) {
        if (!Arrays.equals(
            Files.readAllBytes(work.resolve(name).resolve(file)),
            Files.readAllBytes(check.resolve(name).resolve(file)))) {
          throw new IllegalStateException(name + "/" + file + " differs between the two writers");
        }
      }
    }
    delete(check);
  }

  /**
   * Copies the tree afresh for the next call (not timed).
   *
   * @throws IOException if it cannot be copied
   */
  @Setup(Level.Invocation)
  public void freshTree() throws IOException {
    delete(work);
    copy(template, work);
  }

  /**
   * Deletes the trees.
   *
   * @throws IOException if they cannot be deleted
   */
  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    delete(template.getParent());
  }

  /**
   * {@code fbtools migrate --jobs 1}: one scene after the other on the calling thread.
   *
   * @return the report
   * @throws IOException if the tree cannot be read
   */
  @Benchmark
  public MigrationReport migrateOneJob() throws IOException {
    return PromptMigrator.builder().jobs(1).build().migrateTree(work);
  }

  /**
   * {@code fbtools migrate}: the default number of jobs ({@link PromptMigrator#defaultJobs()}).
   *
   * @return the report
   * @throws IOException if the tree cannot be read
   */
  @Benchmark
  public MigrationReport migrateDefaultJobs() throws IOException {
    return PromptMigrator.create().migrateTree(work);
  }

  /**
   * The anchor: the minimal sequential durable writer.
   *
   * @return the number of scenes migrated
   * @throws IOException if a step fails
   */
  @Benchmark
  public int minimalDurableWriter() throws IOException {
    return minimalWriter(work);
  }

  /** The anchor's steps over every scene folder directly in {@code root}, sorted by name. */
  static int minimalWriter(Path root) throws IOException {
    List<Path> dirs = new ArrayList<>();
    try (Stream<Path> s = Files.list(root)) {
      s.filter(Files::isDirectory).sorted().forEach(dirs::add);
    }
    int migrated = 0;
    for (Path dir : dirs) {
      Path file = dir.resolve("prompts.json");
      byte[] original = Files.readAllBytes(file);
      byte[] v2 = PromptCollection.fromJson(original).toJson().getBytes(StandardCharsets.UTF_8);
      writeFlushed(dir.resolve("prompts.json.v1.backup"), original);
      Path temp = dir.resolve("prompts.json.bench.tmp");
      writeFlushed(temp, v2);
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
      try (FileChannel folder = FileChannel.open(dir, StandardOpenOption.READ)) {
        folder.force(true);
      }
      migrated++;
    }
    return migrated;
  }

  private static void writeFlushed(Path file, byte[] bytes) throws IOException {
    try (FileChannel out =
        FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      ByteBuffer b = ByteBuffer.wrap(bytes);
      while (b.hasRemaining()) {
        out.write(b);
      }
      out.force(true);
    }
  }

  /** A version 1 file as the Python extension writes one (4-space indent, non-ASCII raw). */
  private static byte[] v1(SplittableRandom r) {
    Map<String, Object> data = new LinkedHashMap<>();
    for (String key : LEGACY) {
      data.put(key, r.nextInt(100) < 15 ? "" : text(r, 5 + r.nextInt(116)));
    }
    int extra = r.nextInt(7);
    for (int i = 0; i < extra; i++) {
      data.put("extra_" + i, text(r, 3 + r.nextInt(58)));
    }
    data.put("seed", (long) r.nextInt(Integer.MAX_VALUE));
    data.put("use_depth", r.nextBoolean());
    return FbJson.write(data).replace("\n  ", "\n    ").getBytes(StandardCharsets.UTF_8);
  }

  private static String text(SplittableRandom r, int words) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < words; i++) {
      sb.append(i == 0 ? "" : " ").append(WORDS[r.nextInt(WORDS.length)]);
    }
    return sb.toString();
  }

  private static void copy(Path from, Path to) throws IOException {
    Files.createDirectory(to);
    try (Stream<Path> dirs = Files.list(from)) {
      for (Path dir : (Iterable<Path>) dirs::iterator) {
        Path target = Files.createDirectory(to.resolve(dir.getFileName().toString()));
        Files.copy(dir.resolve("prompts.json"), target.resolve("prompts.json"));
      }
    }
  }

  private static void delete(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(p);
      }
    }
  }
}
