package io.github.fbtools.benchmarks;

import io.github.fbtools.core.PromptCollection;
import io.github.fbtools.core.PromptMetadata;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The {@code prompts.json} corpus of the codec benchmarks: 1,000 prompts with metadata (a value of
 * 35-110 words with some {@code %key%} references, a category on two thirds, a description with
 * quotes and non-ASCII letters on half, 0-4 tags, a quarter processed by a libber) and 50
 * compositions of 2-6 prompts each. Written by {@link PromptCollection#toJson()} it is 624 KB of
 * UTF-8 (the "624 KB corpus").
 *
 * <p>{@code java -cp benchmarks/target/benchmarks.jar io.github.fbtools.benchmarks.PromptsCorpus
 * FILE} writes the document to {@code FILE}, for the Python reference's timing script.
 */
public final class PromptsCorpus {
  static final int PROMPTS = 1000;
  static final int COMPOSITIONS = 50;

  private PromptsCorpus() {}

  /**
   * Builds the collection (deterministic: a fixed seed).
   *
   * @return the collection
   */
  static PromptCollection collection() {
    SplittableRandom r = new SplittableRandom(SubstitutionCorpus.SEED);
    SubstitutionCorpus corpus = SubstitutionCorpus.generate(SubstitutionCorpus.SEED);
    String[] categories = {"character", "style", "background", "lighting", "camera"};
    LinkedHashMap<String, PromptMetadata> prompts = new LinkedHashMap<>();
    List<String> names = new ArrayList<>();
    for (int i = 0; i < PROMPTS; i++) {
      String name = String.format(Locale.ROOT, "prompt_%04d", i);
      String value = corpus.text(210 + r.nextInt(420), r.nextLong()).strip();
      List<String> tags = new ArrayList<>();
      for (int t = r.nextInt(5); t > 0; t--) {
        tags.add("tag" + r.nextInt(100));
      }
      boolean useLibber = r.nextInt(4) == 0;
      PromptMetadata m =
          new PromptMetadata(
              value,
              r.nextInt(3) == 0 ? null : categories[r.nextInt(categories.length)],
              r.nextInt(2) == 0
                  ? null
                  : "description of prompt " + i + ", \"quoted\" \u00e9t\u00e9",
              tags,
              useLibber ? PromptMetadata.LIBBER : PromptMetadata.RAW,
              useLibber ? "styles" : null);
      prompts.put(name, m);
      names.add(name);
    }
    PromptCollection c = PromptCollection.empty();
    for (Map.Entry<String, PromptMetadata> e : prompts.entrySet()) {
      c = c.withPrompt(e.getKey(), e.getValue());
    }
    for (int i = 0; i < COMPOSITIONS; i++) {
      List<String> parts = new ArrayList<>();
      for (int j = 2 + r.nextInt(5); j > 0; j--) {
        parts.add(names.get(r.nextInt(names.size())));
      }
      c = c.withComposition("composition_" + i, parts);
    }
    return c;
  }

  /**
   * Writes the corpus document to a file.
   *
   * @param args the file
   * @throws IOException if it cannot be written
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: PromptsCorpus FILE");
      System.exit(2);
    }
    byte[] bytes = collection().toJson().getBytes(StandardCharsets.UTF_8);
    try (OutputStream out = Files.newOutputStream(Path.of(args[0]))) {
      out.write(bytes);
    }
    System.out.println(args[0] + ": " + bytes.length + " bytes");
  }
}
