package io.github.fbtools.storyexec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fbtools.core.files.SafeNames;
import io.github.fbtools.core.testing.Gen;
import io.github.fbtools.core.testing.Gens;
import io.github.fbtools.core.testing.Pbt;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StoryNamerProperties {

  private static final Gen<String> NAMES =
      r ->
          r.nextInt(4) == 0
              ? Gens.strings("aB -_.?é\u0301🎬Ж0", 0, 120).next(r)
              : Gens.unicodeStrings(0, 80).next(r);

  @Test
  void slugsAreSafeShortAndIdempotent() {
    Pbt.forAll(
        "slugs are safe, short and idempotent",
        NAMES,
        name -> {
          String slug = StoryImageNamer.slug(name);
          assertTrue(!slug.isEmpty());
          assertTrue(slug.codePointCount(0, slug.length()) <= StoryImageNamer.MAX_SLUG_LENGTH);
          slug.codePoints()
              .forEach(cp -> assertTrue(Character.isLetterOrDigit(cp) || cp == '_', slug));
          assertEquals(slug, StoryImageNamer.slug(slug));
        });
  }

  @Test
  void namesPassTheFileRuleAndReadBack() {
    Pbt.forAll(
        "image names pass the FILE rule and the collector reads them back",
        r -> new Object[] {NAMES.next(r), r.nextInt(5000), r.nextInt(300), NAMES.next(r)},
        in -> {
          String name = (String) in[0];
          int order = (Integer) in[1];
          int variant = (Integer) in[2];
          String image = StoryImageNamer.prefix(order, name, variant) + ".png";
          SafeNames.validate(SafeNames.Kind.FILE, image);
          Optional<StoryImage> back = StoryImageCollector.parse(Path.of(image));
          assertTrue(back.isPresent(), image);
          assertEquals(order, back.get().order());
          assertEquals(StoryImageNamer.slug(name), back.get().scene());
          assertEquals(variant, back.get().variant());
          String video = StoryVideoNamer.prefix(order, name, order + 1, (String) in[3]) + ".webm";
          SafeNames.validate(SafeNames.Kind.FILE, video);
        });
  }
}
