package io.github.fbtools.core;

import static com.google.common.base.Preconditions.checkNotNull;

import io.github.fbtools.core.json.FormatException;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import io.github.fbtools.core.files.FileKind;
import io.github.fbtools.core.json.ReferenceFbJson;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;

/**
 * The reference for the differential tests of the {@code prompts.json} codec: {@link
 * PromptCollection}'s reading and writing as they were before issue 15 (main at the merge of issue
 * 10), verbatim but for being static and using {@link ReferenceFbJson} (the old {@code FbJson}).
 * The generic path: parse the whole document into a value tree, deep-copy it, convert it, and find
 * the line and column of an error by parsing again.
 */
final class ReferencePromptCodec {
  private static final List<String> KNOWN_TOP_LEVEL =
      List.of("version", "prompts", "compositions", "v1_backup", "scene_flags");

  private ReferencePromptCodec() {}

  public static PromptCollection fromLegacy(Map<String, ?> legacy) {
    checkNotNull(legacy, "legacy must not be null");
    Map<String, Object> backup = ReferenceFbJson.immutableObject(legacy);
    ImmutableMap.Builder<String, PromptMetadata> b = ImmutableMap.builder();
    for (Map.Entry<String, Object> e : backup.entrySet()) {
      if (e.getValue() instanceof String && !((String) e.getValue()).isEmpty()) {
        b.put(
            e.getKey(),
            new PromptMetadata(
                (String) e.getValue(),
                PromptCollection.LEGACY_CATEGORY,
                null,
                List.of(),
                PromptMetadata.RAW,
                null));
      }
    }
    return PromptCollection.create(b.buildOrThrow(), ImmutableMap.of(), backup, null, Map.of());
  }

  /**
   * Reads a {@code prompts.json} document of version 1 or 2.
   *
   * @param json the document
   * @return the collection (always version 2 in memory)
   * @throws FormatException if the text is not valid JSON, not an object, has an unsupported
   *     version, or a malformed field; the exception names the JSON path, line and column
   */
  public static PromptCollection fromJson(String json) {
    Map<String, Object> doc = ReferenceFbJson.parseObject(json, FileKind.PROMPTS.limits());
    try {
      return fromJsonObject(doc);
    } catch (FormatException e) {
      throw ReferenceFbJson.withLocation(json, e);
    }
  }

  /**
   * Reads a {@code prompts.json} document given as UTF-8 bytes (a byte-order mark is skipped).
   *
   * @param utf8 the document
   * @return the collection
   * @throws FormatException if the bytes are not valid UTF-8 JSON or the document is malformed
   */
  public static PromptCollection fromJson(byte[] utf8) {
    return fromJson(ReferenceFbJson.decodeUtf8(utf8, FileKind.PROMPTS.limits()));
  }

  /**
   * Reads an already parsed {@code prompts.json} object of version 1 or 2 (as {@link
   * #fromJson(String)} does, without line and column information in errors).
   *
   * @param doc the object, in {@link FbJson}'s value model (or any compatible Java maps and lists)
   * @return the collection
   * @throws FormatException if the version is unsupported or a field is malformed
   */
  public static PromptCollection fromJsonObject(Map<String, ?> doc) {
    Map<String, Object> d;
    try {
      d = ReferenceFbJson.immutableObject(doc);
    } catch (IllegalArgumentException e) {
      throw FormatException.at("", e.getMessage());
    }
    if (formatVersionOf(d) == 1) {
      return fromLegacy(d);
    }
    ImmutableMap<String, PromptMetadata> prompts = readPrompts(d.get("prompts"));
    ImmutableMap<String, List<String>> compositions = readCompositions(d.get("compositions"));
    Map<String, Object> v1Backup = optionalObject(d, "v1_backup");
    Map<String, Object> sceneFlags = optionalObject(d, "scene_flags");
    LinkedHashMap<String, Object> extra = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : d.entrySet()) {
      if (!KNOWN_TOP_LEVEL.contains(e.getKey())) {
        extra.put(e.getKey(), e.getValue());
      }
    }
    return PromptCollection.create(
        prompts, compositions, v1Backup, sceneFlags, Collections.unmodifiableMap(extra));
  }

  /**
   * Tells which format version a parsed {@code prompts.json} object is, by the library's one
   * rule: an integer {@code version} decides (1 or 2; any other integer is unsupported); a
   * missing or null {@code version} means 2 if {@code prompts} or {@code compositions} holds an
   * object or array, else 1. Any other {@code version} value (string, float, boolean) is an error.
   *
   * @param doc the parsed object
   * @return 1 or 2
   * @throws FormatException for an unsupported or malformed version
   */
  public static int formatVersionOf(Map<String, ?> doc) {
    Object v = doc.get("version");
    if (v == null) {
      return isContainer(doc.get("prompts")) || isContainer(doc.get("compositions")) ? 2 : 1;
    }
    if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
      long version = ((Number) v).longValue();
      if (version == 1 || version == 2) {
        return (int) version;
      }
      throw FormatException.at(
          "/version",
          "unsupported prompts.json version "
              + version
              + " (this library reads versions 1 and 2)");
    }
    if (v instanceof java.math.BigInteger) {
      throw FormatException.at(
          "/version", "unsupported prompts.json version " + v + " (this library reads 1 and 2)");
    }
    throw FormatException.at(
        "/version",
        "version must be an integer (1 or 2), found "
            + ReferenceFbJson.typeName(v)
            + " "
            + ReferenceFbJson.writeCompact(v));
  }

  private static boolean isContainer(@Nullable Object o) {
    return o instanceof Map || o instanceof List;
  }

  private static ImmutableMap<String, PromptMetadata> readPrompts(@Nullable Object node) {
    LinkedHashMap<String, PromptMetadata> out = new LinkedHashMap<>();
    if (node == null) {
      return ImmutableMap.of();
    } else if (node instanceof Map) {
      for (Map.Entry<?, ?> e : ((Map<?, ?>) node).entrySet()) {
        String name = (String) e.getKey();
        String path = "/prompts/" + ReferenceFbJson.escapePointer(name);
        out.put(name, readEntry(e.getValue(), path, false));
      }
    } else if (node instanceof List) {
      List<?> list = (List<?>) node;
      for (int i = 0; i < list.size(); i++) {
        String path = "/prompts/" + i;
        Object item = list.get(i);
        if (!(item instanceof Map)) {
          throw FormatException.at(
              path, "prompt array item must be an object, found " + ReferenceFbJson.typeName(item));
        }
        Object key = ((Map<?, ?>) item).get("key");
        if (!(key instanceof String)) {
          throw FormatException.at(
              path + "/key", "prompt array item needs a string key, found " + ReferenceFbJson.typeName(key));
        }
        if (out.containsKey(key)) {
          throw FormatException.at(path + "/key", "duplicate prompt key \"" + key + "\"");
        }
        out.put((String) key, readEntry(item, path, true));
      }
    } else {
      throw FormatException.at(
          "/prompts", "prompts must be an object, an array or null, found " + ReferenceFbJson.typeName(node));
    }
    return ImmutableMap.copyOf(out);
  }

  private static PromptMetadata readEntry(@Nullable Object entry, String path, boolean inArray) {
    if (entry instanceof String) {
      return PromptMetadata.of((String) entry);
    }
    if (!(entry instanceof Map)) {
      throw FormatException.at(
          path, "prompt entry must be a string or an object, found " + ReferenceFbJson.typeName(entry));
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> m = (Map<String, Object>) entry;
    String value = requiredString(m, "value", "", path);
    String processingType = requiredString(m, "processing_type", PromptMetadata.RAW, path);
    String category = nullableString(m, "category", path);
    String description = nullableString(m, "description", path);
    String libberName = nullableString(m, "libber_name", path);
    List<String> tags = stringList(m.get("tags"), path + "/tags", "tags");
    LinkedHashMap<String, Object> extra = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : m.entrySet()) {
      if (!PromptMetadata.KNOWN_FIELDS.contains(e.getKey())
          && !(inArray && e.getKey().equals("key"))) {
        extra.put(e.getKey(), e.getValue());
      }
    }
    return new PromptMetadata(
        value, category, description, tags, processingType, libberName, extra);
  }

  private static String requiredString(
      Map<String, Object> m, String field, String defaultValue, String path) {
    if (!m.containsKey(field)) {
      return defaultValue;
    }
    Object v = m.get(field);
    if (v instanceof String) {
      return (String) v;
    }
    throw FormatException.at(
        path + "/" + field, field + " must be a string, found " + ReferenceFbJson.typeName(v));
  }

  @Nullable
  private static String nullableString(Map<String, Object> m, String field, String path) {
    Object v = m.get(field);
    if (v == null || v instanceof String) {
      return (String) v;
    }
    throw FormatException.at(
        path + "/" + field, field + " must be a string, found " + ReferenceFbJson.typeName(v));
  }

  private static List<String> stringList(@Nullable Object v, String path, String what) {
    if (v == null) {
      return List.of();
    }
    if (!(v instanceof List)) {
      throw FormatException.at(
          path, what + " must be an array of strings, found " + ReferenceFbJson.typeName(v));
    }
    List<?> list = (List<?>) v;
    for (int i = 0; i < list.size(); i++) {
      if (!(list.get(i) instanceof String)) {
        throw FormatException.at(
            path + "/" + i, what + " must be an array of strings, found an item of type " + ReferenceFbJson.typeName(list.get(i)));
      }
    }
    @SuppressWarnings("unchecked")
    List<String> strings = (List<String>) list;
    return ImmutableList.copyOf(strings);
  }

  private static ImmutableMap<String, List<String>> readCompositions(@Nullable Object node) {
    LinkedHashMap<String, List<String>> out = new LinkedHashMap<>();
    if (node == null) {
      return ImmutableMap.of();
    } else if (node instanceof Map) {
      for (Map.Entry<?, ?> e : ((Map<?, ?>) node).entrySet()) {
        String name = (String) e.getKey();
        String path = "/compositions/" + ReferenceFbJson.escapePointer(name);
        if (!(e.getValue() instanceof List)) {
          throw FormatException.at(
              path,
              "a composition must be an array of prompt names, found "
                  + ReferenceFbJson.typeName(e.getValue()));
        }
        out.put(name, stringList(e.getValue(), path, name));
      }
    } else if (node instanceof List) {
      List<?> list = (List<?>) node;
      for (int i = 0; i < list.size(); i++) {
        String path = "/compositions/" + i;
        Object item = list.get(i);
        if (!(item instanceof Map)) {
          throw FormatException.at(
              path, "composition array item must be an object, found " + ReferenceFbJson.typeName(item));
        }
        Object name = ((Map<?, ?>) item).get("name");
        if (!(name instanceof String)) {
          throw FormatException.at(
              path + "/name",
              "composition array item needs a string name, found " + ReferenceFbJson.typeName(name));
        }
        if (out.containsKey(name)) {
          throw FormatException.at(path + "/name", "duplicate composition name \"" + name + "\"");
        }
        out.put(
            (String) name,
            stringList(((Map<?, ?>) item).get("prompt_keys"), path + "/prompt_keys", "prompt_keys"));
      }
    } else {
      throw FormatException.at(
          "/compositions",
          "compositions must be an object, an array or null, found " + ReferenceFbJson.typeName(node));
    }
    return ImmutableMap.copyOf(out);
  }

  @Nullable
  private static Map<String, Object> optionalObject(Map<String, Object> d, String field) {
    Object v = d.get(field);
    if (v == null) {
      return null;
    }
    if (v instanceof Map) {
      @SuppressWarnings("unchecked")
      Map<String, Object> m = (Map<String, Object>) v;
      return m;
    }
    throw FormatException.at(
        "/" + field, field + " must be an object, found " + ReferenceFbJson.typeName(v));
  }

  // ---------------------------------------------------------------------------------------
  // Writing

  /**
   * Writes the collection as {@code prompts.json} version 2 (see the class description for the
   * layout). Equal collections give equal text.
   *
   * @return the JSON text, 2-space indented, non-ASCII raw, ending with a newline
   */
  public static String toJson(PromptCollection c) {
    return ReferenceFbJson.write(toJsonObject(c));
  }

  /**
   * Returns the document {@link #toJson()} writes, as {@link FbJson}'s value model (for embedding
   * the collection in another JSON document, such as a REST response).
   *
   * @return an unmodifiable, insertion-ordered map
   */
  public static Map<String, Object> toJsonObject(PromptCollection c) {
    LinkedHashMap<String, Object> out = new LinkedHashMap<>();
    out.put("version", (long) PromptCollection.VERSION);
    LinkedHashMap<String, Object> ps = new LinkedHashMap<>();
    for (Map.Entry<String, PromptMetadata> e : c.prompts().entrySet()) {
      ps.put(e.getKey(), entryJson(e.getValue()));
    }
    out.put("prompts", Collections.unmodifiableMap(ps));
    out.put("compositions", c.compositions());
    c.v1Backup().ifPresent(b -> out.put("v1_backup", b));
    c.sceneFlags().ifPresent(f -> out.put("scene_flags", f));
    out.putAll(c.extraFields());
    return Collections.unmodifiableMap(out);
  }

  private static Map<String, Object> entryJson(PromptMetadata m) {
    LinkedHashMap<String, Object> e = new LinkedHashMap<>();
    e.put("value", m.value());
    e.put("processing_type", m.processingType());
    if (m.category() != null) {
      e.put("category", m.category());
    }
    if (m.description() != null) {
      e.put("description", m.description());
    }
    if (!m.tags().isEmpty()) {
      e.put("tags", m.tags());
    }
    if (m.libberName() != null) {
      e.put("libber_name", m.libberName());
    }
    e.putAll(m.extra());
    return Collections.unmodifiableMap(e);
  }

}
