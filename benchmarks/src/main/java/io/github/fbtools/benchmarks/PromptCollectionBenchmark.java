package io.github.fbtools.benchmarks;

import io.github.fbtools.core.PromptCollection;
import io.github.fbtools.core.PromptMetadata;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * {@link PromptCollection#fromJson(String)} and {@link PromptCollection#toJson()} of a {@code
 * prompts.json} with 1,000 prompts (every field used on some of them, 1-4 tags, a value of 10-40
 * words, some {@code %key%} references) and 50 compositions of 2-6 prompts each.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PromptCollectionBenchmark {
  static final int PROMPTS = 1000;

  private String json = "";
  private byte[] utf8 = new byte[0];
  private PromptCollection collection = PromptCollection.empty();

  /** Builds the collection, writes it, and checks that reading it back gives it again. */
  @Setup
  public void setUp() {
    SplittableRandom r = new SplittableRandom(SubstitutionCorpus.SEED);
    SubstitutionCorpus corpus = SubstitutionCorpus.generate(SubstitutionCorpus.SEED);
    String[] categories = {"character", "style", "background", "lighting", "camera"};
    LinkedHashMap<String, PromptMetadata> prompts = new LinkedHashMap<>();
    List<String> names = new ArrayList<>();
    PromptCollection c = PromptCollection.empty();
    for (int i = 0; i < PROMPTS; i++) {
      String name = String.format(java.util.Locale.ROOT, "prompt_%04d", i);
      String value = corpus.text(60 + r.nextInt(240), r.nextLong()).strip();
      List<String> tags = new ArrayList<>();
      for (int t = r.nextInt(5); t > 0; t--) {
        tags.add("tag" + r.nextInt(100));
      }
      boolean useLibber = r.nextInt(4) == 0;
      PromptMetadata m =
          new PromptMetadata(
              value,
              r.nextInt(3) == 0 ? null : categories[r.nextInt(categories.length)],
              r.nextInt(2) == 0 ? null : "description of prompt " + i + ", \"quoted\" \u00e9t\u00e9",
              tags,
              useLibber ? PromptMetadata.LIBBER : PromptMetadata.RAW,
              useLibber ? "styles" : null);
      prompts.put(name, m);
      names.add(name);
    }
    for (Map.Entry<String, PromptMetadata> e : prompts.entrySet()) {
      c = c.withPrompt(e.getKey(), e.getValue());
    }
    for (int i = 0; i < 50; i++) {
      List<String> parts = new ArrayList<>();
      for (int j = 2 + r.nextInt(5); j > 0; j--) {
        parts.add(names.get(r.nextInt(names.size())));
      }
      c = c.withComposition("composition_" + i, parts);
    }
    collection = c;
    json = c.toJson();
    utf8 = json.getBytes(StandardCharsets.UTF_8);
    if (!PromptCollection.fromJson(json).equals(c) || !PromptCollection.fromJson(utf8).equals(c)) {
      throw new IllegalStateException("prompts.json does not read back equal");
    }
    System.out.printf(
        "%n# prompts.json: %d prompts, %d chars, %d bytes%n", PROMPTS, json.length(), utf8.length);
  }

  /**
   * Reads the document from a {@code String}.
   *
   * @return the collection
   */
  @Benchmark
  public PromptCollection read() {
    return PromptCollection.fromJson(json);
  }

  /**
   * Reads the document from UTF-8 bytes (as read from a file).
   *
   * @return the collection
   */
  @Benchmark
  public PromptCollection readBytes() {
    return PromptCollection.fromJson(utf8);
  }

  /**
   * Writes the collection.
   *
   * @return the document
   */
  @Benchmark
  public String write() {
    return collection.toJson();
  }

  /**
   * Reads and writes back (a load-edit-save cycle without the edit and the disk).
   *
   * @return the document
   */
  @Benchmark
  public String readWrite() {
    return PromptCollection.fromJson(json).toJson();
  }
}
