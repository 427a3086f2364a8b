package io.github.fbtools.examples;

import io.github.fbtools.storyexec.CollectedImages;
import io.github.fbtools.storyexec.SceneTransition;
import io.github.fbtools.storyexec.StoryImage;
import io.github.fbtools.storyexec.StoryImageCollector;
import io.github.fbtools.storyexec.StoryVideoPathResolver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;

/**
 * The Stage 2 view of an execution's images: the images in story order and the videos Stage 2
 * makes between consecutive scenes ({@link CollectedImages#transitions()}).
 *
 * @param root the folder given: an execution folder (with {@code images/}) or an images folder
 * @param imagesDir the folder the images were collected from
 * @param videosDir the execution's {@code videos/} folder, or null when {@code root} is not an
 *     execution folder
 * @param images what the collector found
 */
record Stage2View(
    Path root, Path imagesDir, @Nullable Path videosDir, CollectedImages images) {

  /** The folder of an execution that holds Stage 1's images. */
  static final String IMAGES = "images";

  /** The folder of an execution that holds Stage 2's videos. */
  static final String VIDEOS = "videos";

  /**
   * Collects the images of {@code dir}: its {@code images/} folder if it has one (an execution
   * folder), else {@code dir} itself.
   */
  static Stage2View collect(Path dir, @Nullable Integer order, @Nullable String scene)
      throws IOException {
    Path images = dir.resolve(IMAGES);
    if (Files.isDirectory(images, LinkOption.NOFOLLOW_LINKS)) {
      return new Stage2View(
          dir, images, dir.resolve(VIDEOS), StoryImageCollector.collect(images, order, scene));
    }
    return new Stage2View(dir, dir, null, StoryImageCollector.collect(dir, order, scene));
  }

  /** The file name of a transition's video, with the folder when known, relative to root. */
  String videoFile(SceneTransition t) {
    if (videosDir == null) {
      return t.videoPrefix() + "." + StoryVideoPathResolver.DEFAULT_EXTENSION;
    }
    return StoryVideoPathResolver.resolve(videosDir, t.videoPrefix(), root).relFilepath();
  }

  private String relative(Path p) {
    return slashes(root.relativize(p));
  }

  private static String slashes(Path p) {
    List<String> parts = new ArrayList<>();
    p.forEach(e -> parts.add(e.toString()));
    return String.join("/", parts);
  }

  /** The human-readable table, lines indented by {@code indent}. */
  List<String> lines(String indent) {
    List<String> lines = new ArrayList<>();
    String where = imagesDir.equals(root) ? root.toString() : relative(imagesDir) + "/";
    lines.add(
        indent
            + Text.count(images.count(), "image")
            + " in "
            + where
            + (images.ignoredCount() == 0
                ? ""
                : " (" + Text.count(images.ignoredCount(), "other entry") + " ignored)"));
    if (images.count() > 0) {
      List<List<String>> rows = new ArrayList<>();
      rows.add(List.of("ORDER", "SCENE", "VARIANT", "FILE"));
      for (StoryImage i : images.images()) {
        rows.add(
            List.of(
                String.format("%03d", i.order()),
                i.scene(),
                String.format("%02d", i.variant()),
                relative(i.path())));
      }
      lines.addAll(Text.table(indent + "  ", rows));
    }
    List<SceneTransition> transitions = images.transitions();
    lines.add(
        indent
            + Text.count(transitions.size(), "video")
            + " for Stage 2 (first image of a scene -> first image of the next)");
    List<List<String>> rows = new ArrayList<>();
    for (SceneTransition t : transitions) {
      rows.add(
          List.of(
              videoFile(t),
              t.from().path().getFileName() + " -> " + t.to().path().getFileName()));
    }
    lines.addAll(Text.table(indent + "  ", rows));
    return lines;
  }

  /** The JSON document of {@code fbtools collect --json}. */
  Map<String, Object> toJson() {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("dir", root.toString());
    doc.put("images_dir", imagesDir.toString());
    doc.put("videos_dir", videosDir == null ? null : videosDir.toString());
    doc.put("count", (long) images.count());
    doc.put("ignored", (long) images.ignoredCount());
    List<Object> list = new ArrayList<>();
    for (StoryImage i : images.images()) {
      list.add(image(i));
    }
    doc.put("images", list);
    Map<String, Object> groups = new LinkedHashMap<>();
    images
        .sceneGroups()
        .forEach(
            (scene, paths) -> {
              List<Object> names = new ArrayList<>();
              paths.forEach(p -> names.add(String.valueOf(p.getFileName())));
              groups.put(scene, names);
            });
    doc.put("scenes", groups);
    List<Object> videos = new ArrayList<>();
    for (SceneTransition t : images.transitions()) {
      Map<String, Object> v = new LinkedHashMap<>();
      v.put("prefix", t.videoPrefix());
      v.put("video", videoFile(t));
      v.put("first_frame", t.firstFrame().toString());
      v.put("last_frame", t.nextFirstFrame().toString());
      videos.add(v);
    }
    doc.put("videos", videos);
    return doc;
  }

  private static Map<String, Object> image(StoryImage i) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("file", String.valueOf(i.path().getFileName()));
    m.put("path", i.path().toString());
    m.put("order", (long) i.order());
    m.put("scene", i.scene());
    m.put("variant", (long) i.variant());
    return m;
  }
}
