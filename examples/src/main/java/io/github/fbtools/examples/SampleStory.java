package io.github.fbtools.examples;

import io.github.fbtools.core.files.AtomicFiles;
import io.github.fbtools.core.files.SafeNames;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The sample story embedded in the jar ({@code io/github/fbtools/examples/sample/}): the files a
 * Python fbTools install writes for a story of four scenes, listed in {@code index.txt}. See the
 * README next to them for how they were made.
 *
 * <pre>
 * libbers/noir.json                 the libber the prompts use
 * scenes/{opening,chase}/prompts.json    version 1 (opening also has a legacy loras.json)
 * scenes/{meeting,ending}/prompts.json   version 2, prompts processed by the libber
 * stories/night_courier/story.json  the story: the four scenes in order
 * </pre>
 */
final class SampleStory {
  /** The story's name (its folder under {@code stories/}). */
  static final String STORY = "night_courier";

  /** The libber's name (its file under {@code libbers/}). */
  static final String LIBBER = "noir";

  /** The folder of libber files. */
  static final String LIBBERS = "libbers";

  /** The folder of scene folders. */
  static final String SCENES = "scenes";

  /** The folder of story folders. */
  static final String STORIES = "stories";

  private static final String BASE = "sample/";

  private SampleStory() {}

  /** The files of the sample, relative and with {@code /}, sorted. */
  static List<String> files() {
    String index = new String(resource("index.txt"), StandardCharsets.UTF_8);
    List<String> files = new ArrayList<>();
    for (String line : index.split("\n", -1)) {
      if (!line.isBlank()) {
        files.add(line.strip());
      }
    }
    return files;
  }

  /** The bytes of one file of the sample. */
  static byte[] bytes(String relative) {
    return resource(relative);
  }

  /**
   * Writes the sample's files under {@code root}, creating folders as needed. Each path segment is
   * checked with {@link SafeNames} and each file written with {@link AtomicFiles}.
   *
   * @return the files written, in {@link #files()} order
   */
  static List<Path> copyTo(Path root, AtomicFiles files) throws IOException {
    List<Path> written = new ArrayList<>();
    for (String relative : files()) {
      Path target = root;
      for (String segment : relative.split("/")) {
        target = target.resolve(SafeNames.validate(SafeNames.Kind.FILE, segment));
      }
      Path parent = target.getParent();
      if (parent != null) {
        files.createDirectories(parent);
      }
      files.write(target, bytes(relative));
      written.add(target);
    }
    return written;
  }

  private static byte[] resource(String relative) {
    try (InputStream in = SampleStory.class.getResourceAsStream(BASE + relative)) {
      if (in == null) {
        throw new IllegalStateException("the sample file " + relative + " is missing from the jar");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the sample file " + relative, e);
    }
  }
}
