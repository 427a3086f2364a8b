package io.github.fbtools.core;

import io.github.fbtools.core.json.FormatException;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import io.github.fbtools.core.json.FbJson;
import io.github.fbtools.core.json.JsonFields;
import io.github.fbtools.core.json.JsonFields.Nulls;
import java.math.BigInteger;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import javax.annotation.Nullable;

/**
 * The {@code prompts.json} codec of {@link PromptCollection}: reading versions 1 and 2 (the
 * version rule of {@link PromptCollection#formatVersionOf}, typed errors with JSON paths, unknown
 * fields kept) and writing version 2 in the reference's key order.
 *
 * <p>Reading parses with {@link FbJson} (whose maps and lists are deeply immutable, so nothing is
 * copied again here) and converts in one pass per prompt entry; errors are checked in a fixed
 * order (version, prompts, compositions, {@code v1_backup}, {@code scene_flags}) whatever the
 * order of the fields in the document, and their line and column are looked up only when an
 * error is thrown. Writing builds the document's value tree and writes it with {@link
 * FbJson#write}.
 *
 * <p>Its fields are read through {@link JsonFields} (one null policy per field,
 * docs/json-fields.md), with two hand-written checks kept on purpose: {@code tags} first tries an
 * inline all-strings pass and falls back to {@link JsonFields#stringList} for any other value (same
 * result and same error, pinned by the differential tests against {@code ReferencePromptCodec});
 * and a composition's value is checked to be an array before {@link JsonFields#stringList},
 * because that reader takes a null as an empty list while {@code prompts.json} refuses a null
 * composition. This is the fast codec of issue 15, measured with {@code
 * PromptCollectionBenchmark}; it was left as measured rather than changed without a new run.
 *
 * <p>Stateless and thread-safe.
 */
final class PromptCollectionJson {
  private static final List<String> KNOWN_TOP_LEVEL =
      List.of("version", "prompts", "compositions", "v1_backup", "scene_flags");

  private PromptCollectionJson() {}

  // ---------------------------------------------------------------------------------------
  // Reading

  static PromptCollection read(String json) {
    Map<String, Object> doc = FbJson.parseObject(json, PromptCollection.JSON_LIMITS);
    try {
      return fromObject(doc);
    } catch (FormatException e) {
      throw FbJson.withLocation(json, e);
    }
  }

  static PromptCollection read(byte[] utf8) {
    Map<String, Object> doc = FbJson.parseObject(utf8, PromptCollection.JSON_LIMITS);
    try {
      return fromObject(doc);
    } catch (FormatException e) {
      throw FbJson.withLocation(FbJson.decodeUtf8(utf8, PromptCollection.JSON_LIMITS), e);
    }
  }

  static PromptCollection fromObject(Map<String, ?> doc) {
    Map<String, Object> d;
    try {
      d = FbJson.immutableObject(doc);
    } catch (IllegalArgumentException e) {
      throw FormatException.at("", e.getMessage());
    }
    if (formatVersionOf(d) == 1) {
      return fromLegacyObject(d);
    }
    ImmutableMap<String, PromptMetadata> prompts = readPrompts(d.get("prompts"));
    ImmutableMap<String, List<String>> compositions = readCompositions(d.get("compositions"));
    Map<String, Object> v1Backup = JsonFields.optionalObject(d, "", "v1_backup");
    Map<String, Object> sceneFlags = JsonFields.optionalObject(d, "", "scene_flags");
    Map<String, Object> extra = Map.of();
    if (d.size() > countKnown(d)) {
      LinkedHashMap<String, Object> unknown = new LinkedHashMap<>();
      for (Map.Entry<String, Object> e : d.entrySet()) {
        if (!KNOWN_TOP_LEVEL.contains(e.getKey())) {
          unknown.put(e.getKey(), e.getValue());
        }
      }
      extra = FbJson.immutableObject(unknown);
    }
    return PromptCollection.create(prompts, compositions, v1Backup, sceneFlags, extra);
  }

  private static int countKnown(Map<String, Object> d) {
    int n = 0;
    for (String k : KNOWN_TOP_LEVEL) {
      if (d.containsKey(k)) {
        n++;
      }
    }
    return n;
  }

  /** {@link PromptCollection#fromLegacy} of a map already in the value model. */
  static PromptCollection fromLegacyObject(Map<String, Object> backup) {
    ImmutableMap.Builder<String, PromptMetadata> b =
        ImmutableMap.builderWithExpectedSize(backup.size());
    backup.forEach(
        (key, value) -> {
          if (value instanceof String text && !text.isEmpty()) {
            b.put(
                key,
                new PromptMetadata(
                    text,
                    PromptCollection.LEGACY_CATEGORY,
                    null,
                    List.of(),
                    PromptMetadata.RAW,
                    null));
          }
        });
    return PromptCollection.create(b.buildOrThrow(), ImmutableMap.of(), backup, null, Map.of());
  }

  static int formatVersionOf(Map<String, ?> doc) {
    Object v = doc.get("version");
    if (v == null) {
      return isContainer(doc.get("prompts")) || isContainer(doc.get("compositions")) ? 2 : 1;
    }
    if (v instanceof Number number
        && (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte)) {
      long version = number.longValue();
      if (version == 1 || version == 2) {
        return (int) version;
      }
      throw FormatException.at(
          "/version",
          "unsupported prompts.json version "
              + version
              + " (this library reads versions 1 and 2)");
    }
    if (v instanceof BigInteger) {
      throw FormatException.at(
          "/version", "unsupported prompts.json version " + v + " (this library reads 1 and 2)");
    }
    throw FormatException.at(
        "/version",
        "version must be an integer (1 or 2), found "
            + FbJson.typeName(v)
            + " "
            + FbJson.writeCompact(v));
  }

  private static boolean isContainer(@Nullable Object o) {
    return o instanceof Map || o instanceof List;
  }

  private static ImmutableMap<String, PromptMetadata> readPrompts(@Nullable Object node) {
    if (node == null) {
      return ImmutableMap.of();
    } else if (node instanceof Map<?, ?> map) {
      ImmutableMap.Builder<String, PromptMetadata> out =
          ImmutableMap.builderWithExpectedSize(map.size());
      map.forEach(
          (k, v) -> {
            String name = (String) k;
            out.put(name, readEntry(v, name, false));
          });
      return out.buildOrThrow();
    } else if (node instanceof List<?> list) {
      LinkedHashMap<String, PromptMetadata> out = new LinkedHashMap<>();
      for (int i = 0; i < list.size(); i++) {
        String path = "/prompts/" + i;
        Object item = list.get(i);
        if (!(item instanceof Map<?, ?> itemMap)) {
          throw FormatException.at(
              path, "prompt array item must be an object, found " + FbJson.typeName(item));
        }
        if (!(itemMap.get("key") instanceof String key)) {
          throw FormatException.at(
              path + "/key",
              "prompt array item needs a string key, found " + FbJson.typeName(itemMap.get("key")));
        }
        if (out.containsKey(key)) {
          throw FormatException.at(path + "/key", "duplicate prompt key \"" + key + "\"");
        }
        out.put(key, readEntry(item, String.valueOf(i), true));
      }
      return ImmutableMap.copyOf(out);
    }
    throw FormatException.at(
        "/prompts", "prompts must be an object, an array or null, found " + FbJson.typeName(node));
  }

  /**
   * Reads one prompt entry.
   *
   * @param segment the entry's last JSON path segment under {@code /prompts} (unescaped name or
   *     array index); the path is built only for an error
   */
  private static PromptMetadata readEntry(@Nullable Object entry, String segment, boolean inArray) {
    if (entry instanceof String s) {
      return PromptMetadata.of(s);
    }
    if (!(entry instanceof Map<?, ?> entryMap)) {
      throw FormatException.at(
          entryPath(segment, inArray),
          "prompt entry must be a string or an object, found " + FbJson.typeName(entry));
    }
    EntryFields f = new EntryFields(segment, inArray);
    entryMap.forEach(f);
    String value = JsonFields.string(f.value, f.hasValue, f, "value", Nulls.REFUSED, "");
    String processingType =
        JsonFields.string(
            f.processingType,
            f.hasProcessingType,
            f,
            "processing_type",
            Nulls.REFUSED,
            PromptMetadata.RAW);
    String category = JsonFields.optionalString(f.category, f, "category");
    String description = JsonFields.optionalString(f.description, f, "description");
    String libberName = JsonFields.optionalString(f.libberName, f, "libber_name");
    List<String> tags = f.tags();
    Map<String, Object> extra =
        f.extra == null ? Map.of() : FbJson.immutableObject(f.extra);
    return new PromptMetadata(
        value, category, description, tags, processingType, libberName, extra);
  }

  private static String entryPath(String segment, boolean inArray) {
    return "/prompts/" + (inArray ? segment : FbJson.escapePointer(segment));
  }

  /** The fields of one entry, collected in one pass over it; checked afterwards in a fixed order. */
  private static final class EntryFields
      implements java.util.function.BiConsumer<Object, Object>, JsonFields.Where {
    private final String segment;
    private final boolean inArray;
    @Nullable Object value;
    boolean hasValue;
    @Nullable Object processingType;
    boolean hasProcessingType;
    @Nullable Object category;
    @Nullable Object description;
    @Nullable Object libberName;
    @Nullable Object tags;
    @Nullable LinkedHashMap<String, Object> extra;

    EntryFields(String segment, boolean inArray) {
      this.segment = segment;
      this.inArray = inArray;
    }

    @Override
    public String pointer() {
      return entryPath(segment, inArray);
    }

    @Override
    public void accept(Object k, @Nullable Object v) {
      String key = (String) k;
      switch (key) {
        case "value":
          value = v;
          hasValue = true;
          break;
        case "processing_type":
          processingType = v;
          hasProcessingType = true;
          break;
        case "category":
          category = v;
          break;
        case "description":
          description = v;
          break;
        case "tags":
          tags = v;
          break;
        case "libber_name":
          libberName = v;
          break;
        default:
          if (!(inArray && key.equals("key"))) {
            if (extra == null) {
              extra = new LinkedHashMap<>();
            }
            extra.put(key, v);
          }
      }
    }

    List<String> tags() {
      if (tags instanceof List<?> list && allStrings(list)) {
        @SuppressWarnings("unchecked")
        List<String> strings = (List<String>) list;
        return ImmutableList.copyOf(strings);
      }
      return JsonFields.stringList(tags, this, "tags");
    }
  }

  private static boolean allStrings(List<?> list) {
    for (int i = 0, n = list.size(); i < n; i++) {
      if (!(list.get(i) instanceof String)) {
        return false;
      }
    }
    return true;
  }

  private static ImmutableMap<String, List<String>> readCompositions(@Nullable Object node) {
    LinkedHashMap<String, List<String>> out = new LinkedHashMap<>();
    if (node == null) {
      return ImmutableMap.of();
    } else if (node instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> e : map.entrySet()) {
        String name = (String) e.getKey();
        String path = "/compositions/" + FbJson.escapePointer(name);
        if (!(e.getValue() instanceof List)) {
          throw FormatException.at(
              path,
              "a composition must be an array of prompt names, found "
                  + FbJson.typeName(e.getValue()));
        }
        out.put(name, JsonFields.stringList(e.getValue(), () -> "/compositions", name));
      }
    } else if (node instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        String path = "/compositions/" + i;
        Object item = list.get(i);
        if (!(item instanceof Map<?, ?> itemMap)) {
          throw FormatException.at(
              path, "composition array item must be an object, found " + FbJson.typeName(item));
        }
        if (!(itemMap.get("name") instanceof String name)) {
          throw FormatException.at(
              path + "/name",
              "composition array item needs a string name, found "
                  + FbJson.typeName(itemMap.get("name")));
        }
        if (out.containsKey(name)) {
          throw FormatException.at(path + "/name", "duplicate composition name \"" + name + "\"");
        }
        out.put(name, JsonFields.stringList(itemMap.get("prompt_keys"), () -> path, "prompt_keys"));
      }
    } else {
      throw FormatException.at(
          "/compositions",
          "compositions must be an object, an array or null, found " + FbJson.typeName(node));
    }
    return ImmutableMap.copyOf(out);
  }

  // ---------------------------------------------------------------------------------------
  // Writing

  static String write(PromptCollection c) {
    return FbJson.write(toObject(c));
  }

  static Map<String, Object> toObject(PromptCollection c) {
    LinkedHashMap<String, Object> out = new LinkedHashMap<>();
    out.put("version", (long) PromptCollection.VERSION);
    out.put("prompts", new PromptJsonViews.Prompts(c.prompts()));
    out.put("compositions", c.compositions());
    c.v1Backup().ifPresent(b -> out.put("v1_backup", b));
    c.sceneFlags().ifPresent(f -> out.put("scene_flags", f));
    out.putAll(c.extraFields());
    return Collections.unmodifiableMap(out);
  }
}
