package io.github.fbtools.benchmarks;

import io.github.fbtools.storyexec.CollectedImages;
import io.github.fbtools.storyexec.StoryImageCollector;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
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
 * {@link StoryImageCollector#collect(Path)} on one folder of 10,000 or 100,000 files (the listing
 * is in the page cache after the first call, as it is for a server that collects repeatedly).
 *
 * <p>The folder is created under the system temp dir for the trial and deleted after it. 99 % of
 * the files are empty images named {@code {order:03}_{scene}_{variant:02}.png} (100 per order, 10
 * scenes, 10 variants, some {@code .jpg}/{@code .webp}); 1 % are other files ({@code
 * notes_N.txt}), which the collector counts as ignored. {@link #setUp()} checks both counts.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class StoryImageCollectorBenchmark {
  private static final String[] SCENES = {
    "opening", "forest_walk", "river", "city_night", "market", "bridge", "tower", "garden",
    "snow_field", "finale",
  };
  private static final String[] EXTENSIONS = {"png", "png", "png", "jpg", "webp"};

  /** The number of entries in the folder. */
  @Param({"10000", "100000"})
  public int files;

  private Path dir = Path.of(".");
  private int expectedImages;

  /**
   * Creates the folder.
   *
   * @throws IOException if it cannot be created
   */
  @Setup(Level.Trial)
  public void setUp() throws IOException {
    dir = Files.createTempDirectory("fbtools-collector-bench-");
    for (int i = 0; i < files; i++) {
      String name;
      if (i % 100 == 99) {
        name = "notes_" + i + ".txt";
      } else {
        expectedImages++;
        name =
            String.format(
                Locale.ROOT,
                "%03d_%s_%02d.%s",
                i / 100,
                SCENES[(i / 10) % 10],
                i % 10,
                EXTENSIONS[i % EXTENSIONS.length]);
      }
      Files.createFile(dir.resolve(name));
    }
    CollectedImages c = StoryImageCollector.collect(dir);
    if (c.images().size() != expectedImages || c.ignoredCount() != files - expectedImages) {
      throw new IllegalStateException(
          "collected " + c.images().size() + " images and " + c.ignoredCount() + " ignored");
    }
  }

  /**
   * Deletes the folder.
   *
   * @throws IOException if it cannot be deleted
   */
  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path p : entries) {
        Files.delete(p);
      }
    }
    Files.delete(dir);
  }

  /**
   * Collects the folder.
   *
   * @param cpu counts the call
   * @return the images
   * @throws IOException if the folder cannot be listed
   */
  @Benchmark
  public CollectedImages collect(CpuTime cpu) throws IOException {
    cpu.call();
    return StoryImageCollector.collect(dir);
  }
}
