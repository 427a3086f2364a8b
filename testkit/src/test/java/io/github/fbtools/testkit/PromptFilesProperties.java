package io.github.fbtools.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.fbtools.core.Libber;
import io.github.fbtools.core.PromptCollection;
import io.github.fbtools.testkit.FbGen;
import io.github.fbtools.testkit.LibberOptions;
import io.github.fbtools.testkit.ReferenceLibber;
import io.github.fbtools.testkit.Shrinker;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PromptFilesProperties {
  static LongStream seeds() {
    return LongStream.range(0, 200);
  }

  /** A prompts.json as the Python extension writes it reads as the collection it holds. */
  @ParameterizedTest
  @MethodSource("seeds")
  void pythonFilesReadAsGenerated(long seed) {
    FbGen gen = FbGen.of(seed);
    assertEquals(gen.promptCollection(30), PromptCollection.fromJson(gen.promptsJson(30)));
  }

  /** Reading, writing and reading again changes nothing; a failure shrinks to its smallest size. */
  @ParameterizedTest
  @MethodSource("seeds")
  void filesRoundTrip(long seed) {
    Shrinker.check(seed, 40, FbGen::promptsJson, text -> {
      PromptCollection read = PromptCollection.fromJson(text);
      assertEquals(read, PromptCollection.fromJson(read.toJson()));
    });
  }

  /** Libber substitution agrees with the reference, cycles and undefined keys included. */
  @ParameterizedTest
  @MethodSource("seeds")
  void libberAgreesWithTheReference(long seed) {
    FbGen gen = FbGen.of(seed);
    Libber libber = gen.libber(8, LibberOptions.builder().cycles(true).undefinedKeys(true).build());
    String text = gen.libberText(libber, 20);
    assertEquals(ReferenceLibber.substitute(libber, text), libber.substitute(text));
  }
}
