package io.github.fbtools.libber.rest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes data folders exactly as the Python fbTools extension writes them: {@code json.dumps}
 * with {@code ensure_ascii=False}, no final newline; Libber files with {@code indent=2}
 * ({@code Libber.save}), {@code prompts.json} with {@code indent=4} ({@code save_json_file}),
 * {@code story.json} with {@code indent=2} ({@code save_story}).
 */
final class PythonFiles {
  private PythonFiles() {}

  /** An insertion-ordered map of {@code key, value, key, value, ...}. */
  static Map<String, String> pairs(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  /** {@code <root>/libbers/<name>.json} as {@code Libber.save} writes it. */
  static Path libber(Path root, String name, Map<String, String> libs) throws IOException {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("libs", libs);
    doc.put("delimiter", "%");
    doc.put("max_depth", 10);
    return write(root.resolve("libbers").resolve(name + ".json"), dumps(doc, 2));
  }

  /** {@code <root>/scenes/<scene>/prompts.json} in version 1, as {@code save_json_file} writes it. */
  static Path v1Scene(Path root, String scene, Map<String, String> prompts) throws IOException {
    return write(root.resolve("scenes").resolve(scene).resolve("prompts.json"), dumps(prompts, 4));
  }

  /** {@code <root>/scenes/<scene>/prompts.json} in version 2 ({@code to_dict}, indent 4). */
  static Path v2Scene(Path root, String scene, Map<String, Object> collection) throws IOException {
    return write(root.resolve("scenes").resolve(scene).resolve("prompts.json"),
        dumps(collection, 4));
  }

  /** {@code <root>/stories/<story>/story.json} with the given scenes in order (save_story). */
  static Path story(Path root, String story, List<String> scenes) throws IOException {
    List<Object> list = new java.util.ArrayList<>();
    int order = 0;
    for (String s : scenes) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("scene_name", s);
      m.put("scene_order", order++);
      m.put("mask_name", "");
      m.put("mask_background", true);
      m.put("prompt_source", "prompt");
      m.put("prompt_key", "girl_pos");
      m.put("custom_prompt", "");
      m.put("video_prompt_source", "prompt");
      m.put("video_prompt_key", "wan_prompt");
      m.put("video_custom_prompt", "");
      m.put("depth_type", "depth");
      m.put("pose_type", "open");
      m.put("use_depth", false);
      m.put("use_mask", false);
      m.put("use_pose", false);
      m.put("use_canny", false);
      list.add(m);
    }
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("version", 2);
    doc.put("story_name", story);
    doc.put("story_dir", "stories/" + story);
    doc.put("scenes", list);
    return write(root.resolve("stories").resolve(story).resolve("story.json"), dumps(doc, 2));
  }

  static Path write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }

  /** Python's {@code json.dumps(value, indent=indent, ensure_ascii=False)}. */
  static String dumps(Object value, int indent) {
    StringBuilder sb = new StringBuilder();
    dump(sb, value, indent, 0);
    return sb.toString();
  }

  private static void dump(StringBuilder sb, Object v, int indent, int level) {
    if (v == null) {
      sb.append("null");
    } else if (v instanceof String) {
      string(sb, (String) v);
    } else if (v instanceof Boolean || v instanceof Integer || v instanceof Long) {
      sb.append(v);
    } else if (v instanceof Map) {
      Map<?, ?> m = (Map<?, ?>) v;
      if (m.isEmpty()) {
        sb.append("{}");
        return;
      }
      sb.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : m.entrySet()) {
        sb.append(first ? "" : ",").append('\n').append(" ".repeat(indent * (level + 1)));
        first = false;
        string(sb, (String) e.getKey());
        sb.append(": ");
        dump(sb, e.getValue(), indent, level + 1);
      }
      sb.append('\n').append(" ".repeat(indent * level)).append('}');
    } else if (v instanceof List) {
      List<?> l = (List<?>) v;
      if (l.isEmpty()) {
        sb.append("[]");
        return;
      }
      sb.append('[');
      boolean first = true;
      for (Object o : l) {
        sb.append(first ? "" : ",").append('\n').append(" ".repeat(indent * (level + 1)));
        first = false;
        dump(sb, o, indent, level + 1);
      }
      sb.append('\n').append(" ".repeat(indent * level)).append(']');
    } else {
      throw new IllegalArgumentException("not JSON: " + v.getClass());
    }
  }

  private static void string(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case '\b' -> sb.append("\\b");
        case '\f' -> sb.append("\\f");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }
}
