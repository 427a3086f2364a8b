package io.github.fbtools.libber.rest;

import io.github.fbtools.core.ExpansionLimits;
import io.github.fbtools.core.InvalidNameException;
import io.github.fbtools.core.Libber;
import io.github.fbtools.core.LibberExpansionException;
import io.github.fbtools.core.LibberSource;
import io.github.fbtools.core.PromptCollection;
import io.github.fbtools.core.PromptMetadata;
import io.github.fbtools.core.PythonText;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Libber substitution over whole prompt collections, bounded for REST answers: no single
 * substitution and no whole answer may exceed the API's {@link ExpansionLimits}, and the bound is
 * checked before the answer is built.
 */
final class Substitutions {
  private Substitutions() {}

  /** A collection after {@link #applyTo} and the names whose value changed (sorted). */
  record Applied(PromptCollection collection, List<String> changed) {}

  /**
   * Substitutes {@code libber} into every prompt's value (metadata kept).
   *
   * @throws LibberExpansionException if one value or all of them together exceed the limits
   */
  static Applied applyTo(PromptCollection c, Libber libber, ExpansionLimits limits) {
    PromptCollection out = c;
    List<String> changed = new ArrayList<>();
    long total = 0;
    for (Map.Entry<String, PromptMetadata> e : c.prompts().entrySet()) {
      String value = e.getValue().value();
      String next = libber.substitute(value, limits);
      total += next.length();
      checkTotal(total, limits, e.getKey());
      if (!next.equals(value)) {
        out = out.withPrompt(e.getKey(), e.getValue().withValue(next));
        changed.add(e.getKey());
      }
    }
    changed.sort(PythonText.CODE_POINT_ORDER);
    return new Applied(out, List.copyOf(changed));
  }

  /**
   * Composes the collection's own compositions as {@link PromptCollection#compose(LibberSource)}
   * does, after checking with {@code limits} that every substitution and the whole answer stay in
   * bounds (each prompt's processed length is computed once, by the same rule: {@link
   * PromptMetadata#usesLibber()} and a libber of that name in {@code source}).
   *
   * @throws LibberExpansionException if a substitution or the whole answer exceeds the limits
   */
  static Map<String, String> compose(
      PromptCollection c, LibberSource source, ExpansionLimits limits) {
    Map<String, Integer> lengths = new HashMap<>();
    for (Map.Entry<String, PromptMetadata> e : c.prompts().entrySet()) {
      PromptMetadata m = e.getValue();
      String lib = m.libberName();
      Optional<Libber> libber =
          m.usesLibber() && lib != null ? source.libber(lib) : Optional.empty();
      String value = libber.isPresent() ? libber.get().substitute(m.value(), limits) : m.value();
      lengths.put(e.getKey(), value.length());
    }
    long total = 0;
    for (Map.Entry<String, List<String>> e : c.compositions().entrySet()) {
      for (String key : e.getValue()) {
        Integer n = lengths.get(key);
        if (n != null) {
          total += n + 1L;
          checkTotal(total, limits, e.getKey());
        }
      }
    }
    return c.compose(source);
  }

  private static void checkTotal(long total, ExpansionLimits limits, String where) {
    if (total > limits.maxOutputChars()) {
      throw new LibberExpansionException(
          LibberExpansionException.Limit.OUTPUT_CHARS,
          List.of(),
          "the answer would be longer than "
              + limits.maxOutputChars()
              + " chars (reached at "
              + InvalidNameException.echo(where)
              + ")");
    }
  }
}
