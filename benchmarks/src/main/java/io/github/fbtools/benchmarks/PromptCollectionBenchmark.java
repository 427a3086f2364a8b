package io.github.fbtools.benchmarks;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.github.fbtools.core.PromptCollection;
import io.github.fbtools.core.json.FbJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The {@code prompts.json} codec against its anchor, side by side: {@link
 * PromptCollection#fromJson(byte[])}, {@link PromptCollection#fromJson(String)} and {@link
 * PromptCollection#toJson()} of the {@link PromptsCorpus} document (624 KB: 1,000 prompts with
 * metadata, 50 compositions), and a bare jackson-core token pass over the same bytes ({@link
 * #jacksonTokens}: {@code nextToken()} to the end, with a default {@link JsonFactory}; strings are
 * scanned but never turned into Java strings). Issue 15's target: reading and writing each within
 * 2x the token pass. {@link #fbJsonParse} and {@link #fbJsonWrite} show the generic value-tree
 * path of {@link FbJson} that the other file codecs (libbers, scenes, stories) and the REST layer
 * use, on the same document.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PromptCollectionBenchmark {
  private static final JsonFactory PLAIN = new JsonFactory();

  private String json = "";
  private byte[] utf8 = new byte[0];
  private PromptCollection collection = PromptCollection.empty();
  private Object tree = "";

  /**
   * Builds the collection, writes it, and checks that reading it back gives it again, in every
   * form the benchmarks use.
   *
   * @throws IOException never (the token pass reads a byte array)
   */
  @Setup
  public void setUp() throws IOException {
    collection = PromptsCorpus.collection();
    json = collection.toJson();
    utf8 = json.getBytes(StandardCharsets.UTF_8);
    if (!PromptCollection.fromJson(json).equals(collection)
        || !PromptCollection.fromJson(utf8).equals(collection)
        || !PromptCollection.fromJson(utf8).toJson().equals(json)
        || !Arrays.equals(FbJson.writeBytes(collection.toJsonObject()), utf8)) {
      throw new IllegalStateException("prompts.json does not read back equal");
    }
    tree = FbJson.parse(utf8);
    if (!FbJson.write(tree).equals(json)) {
      throw new IllegalStateException("FbJson does not write the document back as it was");
    }
    int tokens = tokenCount(utf8);
    if (tokens < 10 * PromptsCorpus.PROMPTS) {
      throw new IllegalStateException("the token pass saw only " + tokens + " tokens");
    }
    System.out.printf(
        "%n# prompts.json: %d prompts, %d compositions, %d chars, %d bytes, %d tokens%n",
        collection.prompts().size(),
        collection.compositions().size(),
        json.length(),
        utf8.length,
        tokens);
  }

  private static int tokenCount(byte[] bytes) throws IOException {
    int n = 0;
    try (JsonParser p = PLAIN.createParser(bytes)) {
      while (p.nextToken() != null) {
        n++;
      }
    }
    return n;
  }

  /**
   * The anchor: a bare jackson-core token pass over the UTF-8 bytes.
   *
   * @param cpu the CPU-time counter
   * @return the number of tokens
   * @throws IOException never
   */
  @Benchmark
  public int jacksonTokens(CpuTime cpu) throws IOException {
    cpu.call();
    return tokenCount(utf8);
  }

  /**
   * Reads the document from UTF-8 bytes (as read from a file).
   *
   * @param cpu the CPU-time counter
   * @return the collection
   */
  @Benchmark
  public PromptCollection fromJsonBytes(CpuTime cpu) {
    cpu.call();
    return PromptCollection.fromJson(utf8);
  }

  /**
   * Reads the document from a {@code String}.
   *
   * @param cpu the CPU-time counter
   * @return the collection
   */
  @Benchmark
  public PromptCollection fromJsonString(CpuTime cpu) {
    cpu.call();
    return PromptCollection.fromJson(json);
  }

  /**
   * Writes the collection as a {@code String}.
   *
   * @param cpu the CPU-time counter
   * @return the document
   */
  @Benchmark
  public String toJson(CpuTime cpu) {
    cpu.call();
    return collection.toJson();
  }

  /**
   * Writes the collection as UTF-8 bytes, as {@code PromptFiles} writes a file ({@link
   * FbJson#writeBytes} of {@link PromptCollection#toJsonObject()}: the bytes of {@code toJson()}).
   *
   * @param cpu the CPU-time counter
   * @return the bytes
   */
  @Benchmark
  public byte[] toJsonBytes(CpuTime cpu) {
    cpu.call();
    return FbJson.writeBytes(collection.toJsonObject());
  }

  /**
   * Parses the bytes into {@link FbJson}'s generic value tree (what the other codecs use).
   *
   * @param cpu the CPU-time counter
   * @return the tree
   */
  @Benchmark
  public Object fbJsonParse(CpuTime cpu) {
    cpu.call();
    return FbJson.parse(utf8);
  }

  /**
   * Writes the generic value tree of the document with {@link FbJson#write}.
   *
   * @param cpu the CPU-time counter
   * @return the text
   */
  @Benchmark
  public String fbJsonWrite(CpuTime cpu) {
    cpu.call();
    return FbJson.write(tree);
  }
}
