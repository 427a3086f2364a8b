package io.github.fbtools.core;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import io.github.fbtools.core.json.FormatException;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import io.github.fbtools.core.json.FbJson;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.annotation.CheckForNull;
import javax.annotation.Nullable;

/**
 * A named collection of prompts with metadata, compositions and scene flags: the content of a
 * scene's {@code prompts.json} in version 2 of the fbTools format.
 *
 * <h2>Format and versions</h2>
 *
 * <p>{@link #fromJson(String)} reads both versions of the file. Version 1 is a flat object of
 * legacy keys ({@code {"girl_pos": "...", "male_pos": "..."}}); it becomes a version 2 collection
 * whose non-empty string values are prompts (category {@code "legacy"}) and whose {@link
 * #v1Backup()} holds the whole original object, every key and value included. Which version a
 * document is follows one rule (see {@link #formatVersionOf(Map)}): an integer {@code version}
 * decides (1 or 2; any other integer is refused, never silently downgraded); without a version,
 * an object or array under {@code prompts} or {@code compositions} means version 2. Unlike the
 * Python reference, malformed entries are errors ({@link FormatException} naming the JSON path,
 * line and column), never silently dropped, and a corrupt document is never read as an empty
 * collection. Fields this version does not know are kept and written back.
 *
 * <p>{@link #toJson()} writes what the reference's {@code to_dict()} writes, in its key order:
 * {@code version}, {@code prompts} (each entry with {@code value} and {@code processing_type}
 * always, then {@code category}, {@code description}, {@code tags}, {@code libber_name} only when
 * non-empty), {@code compositions} (always), {@code v1_backup} and {@code scene_flags} only when
 * present; then unknown fields. Equal collections give byte-identical output.
 *
 * <h2>Operations</h2>
 *
 * <p>The collection is immutable: every {@code with...} method returns a new instance and leaves
 * this one unchanged. Prompts keep insertion order; {@link #promptNames()} and {@link
 * #compositionNames()} sort by code point, as Python does. {@link #v1Backup()} can never be
 * changed once it exists: no operation touches it.
 *
 * <!-- given: Path file; Libber styles -->
 * <pre>{@code
 * PromptCollection prompts = PromptCollection.fromJson(Files.readString(file))
 *     .withPrompt("girl_pos", "a woman, %style%")
 *     .withComposition("full", List.of("girl_pos", "background"));
 * Map<String, String> composed = prompts.compose(LibberSource.of(Map.of("styles", styles)));
 * }</pre>
 *
 * <p>Two instances are equal exactly when they write the same bytes: JSON objects they carry
 * compare in order, as they are written ({@code docs/equality.md}).
 *
 * <p>Why this class is long: it is the value's whole public API (accessors, with-ers
 * and composition, each documented); its codec ({@code PromptCollectionJson}), its output views
 * ({@code PromptJsonViews}), its equality ({@code JsonEquality}) and the name listing ({@link
 * PromptNames}) already live in classes of their own, and what is left is one job.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class PromptCollection {
  /** The format version this class writes. */
  public static final int VERSION = 2;

  /** The category given to prompts migrated from version 1. */
  public static final String LEGACY_CATEGORY = "legacy";

  /**
   * The size limits of a {@code prompts.json} document: 32 MiB and 4,000,000 tokens. {@link
   * #fromJson(String)} reads within them, and so does every reader of the file ({@code
   * core.files.FileKind.PROMPTS}).
   */
  public static final FbJson.Limits JSON_LIMITS = new FbJson.Limits(32 << 20, 4_000_000);

  private static final PromptCollection EMPTY =
      new PromptCollection(ImmutableMap.of(), ImmutableMap.of(), null, null, Map.of());

  private final ImmutableMap<String, PromptMetadata> prompts;
  private final ImmutableMap<String, List<String>> compositions;
  @Nullable private final Map<String, Object> v1Backup;
  @Nullable private final Map<String, Object> sceneFlags;
  private final Map<String, Object> extra;

  /** For the codec ({@link PromptCollectionJson}): the parts, already validated and immutable. */
  static PromptCollection create(
      ImmutableMap<String, PromptMetadata> prompts,
      ImmutableMap<String, List<String>> compositions,
      @Nullable Map<String, Object> v1Backup,
      @Nullable Map<String, Object> sceneFlags,
      Map<String, Object> extra) {
    return new PromptCollection(prompts, compositions, v1Backup, sceneFlags, extra);
  }

  private PromptCollection(
      ImmutableMap<String, PromptMetadata> prompts,
      ImmutableMap<String, List<String>> compositions,
      @Nullable Map<String, Object> v1Backup,
      @Nullable Map<String, Object> sceneFlags,
      Map<String, Object> extra) {
    this.prompts = prompts;
    this.compositions = compositions;
    this.v1Backup = v1Backup;
    this.sceneFlags = sceneFlags;
    this.extra = extra;
  }

  /**
   * Returns the empty collection: no prompts, no compositions, no backup, no scene flags.
   *
   * @return the empty collection
   */
  public static PromptCollection empty() {
    return EMPTY;
  }

  /**
   * Migrates a version 1 ("legacy") object: every entry whose value is a non-empty string becomes
   * a prompt with category {@value #LEGACY_CATEGORY} and processing type {@code raw}; the whole
   * object, every key and value included, becomes {@link #v1Backup()}.
   *
   * @param legacy the v1 object, for example {@code {"girl_pos": "...", "male_pos": ""}}
   * @return the version 2 collection
   * @throws IllegalArgumentException if the object holds a value that is not JSON
   */
  public static PromptCollection fromLegacy(Map<String, ?> legacy) {
    checkNotNull(legacy, "legacy must not be null");
    return PromptCollectionJson.fromLegacyObject(FbJson.immutableObject(legacy));
  }

  /**
   * Reads a {@code prompts.json} document of version 1 or 2. For a file's content prefer {@link
   * #fromJson(byte[])}: it reads the bytes without decoding them first, and text whose chars are
   * not all Latin-1 is read faster from its UTF-8 bytes than from a {@code String}.
   *
   * @param json the document
   * @return the collection (always version 2 in memory)
   * @throws FormatException if the text is not valid JSON, not an object, has an unsupported
   *     version, or a malformed field; the exception names the JSON path, line and column
   */
  public static PromptCollection fromJson(String json) {
    checkNotNull(json, "json");
    return PromptCollectionJson.read(json);
  }

  /**
   * Reads a {@code prompts.json} document given as UTF-8 bytes (a byte-order mark is skipped).
   *
   * @param utf8 the document
   * @return the collection
   * @throws FormatException if the bytes are not valid UTF-8 JSON or the document is malformed
   */
  public static PromptCollection fromJson(byte[] utf8) {
    checkNotNull(utf8, "utf8");
    return PromptCollectionJson.read(utf8);
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
    checkNotNull(doc, "doc");
    return PromptCollectionJson.fromObject(doc);
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
    checkNotNull(doc, "doc");
    return PromptCollectionJson.formatVersionOf(doc);
  }

  // ---------------------------------------------------------------------------------------
  // Writing

  /**
   * Writes the collection as {@code prompts.json} version 2 (see the class description for the
   * layout). Equal collections give equal text.
   *
   * @return the JSON text, 2-space indented, non-ASCII raw, ending with a newline
   */
  public String toJson() {
    return PromptCollectionJson.write(this);
  }

  /**
   * Returns the document {@link #toJson()} writes, as {@link FbJson}'s value model (for embedding
   * the collection in another JSON document, such as a REST response).
   *
   * @return an unmodifiable, insertion-ordered map
   */
  public Map<String, Object> toJsonObject() {
    return PromptCollectionJson.toObject(this);
  }

  // ---------------------------------------------------------------------------------------
  // Accessors

  /**
   * Returns the format version of the collection.
   *
   * @return always {@value #VERSION}
   */
  public int version() {
    return VERSION;
  }

  /**
   * Returns the prompts in insertion order.
   *
   * @return an unmodifiable map of name to metadata
   */
  public Map<String, PromptMetadata> prompts() {
    return prompts;
  }

  /**
   * Returns one prompt's metadata.
   *
   * @param name the prompt's name (exact; no normalisation)
   * @return the metadata, if the prompt exists
   */
  public Optional<PromptMetadata> prompt(String name) {
    checkNotNull(name, "name");
    return Optional.ofNullable(prompts.get(name));
  }

  /**
   * Returns one prompt's value.
   *
   * @param name the prompt's name
   * @return the value, if the prompt exists
   */
  public Optional<String> promptValue(String name) {
    checkNotNull(name, "name");
    PromptMetadata m = prompts.get(name);
    return m == null ? Optional.empty() : Optional.of(m.value());
  }

  /**
   * Returns the prompt names sorted by code point (Python's order).
   *
   * @return an unmodifiable sorted list
   */
  public List<String> promptNames() {
    return sorted(prompts.keySet());
  }

  /**
   * Returns the prompts whose category equals {@code category} exactly (case-sensitive), in
   * insertion order; null selects the prompts without a category.
   *
   * @param category the category, or null
   * @return an unmodifiable map
   */
  public Map<String, PromptMetadata> promptsInCategory(@Nullable String category) {
    String wanted = category == null || category.isEmpty() ? null : category;
    ImmutableMap.Builder<String, PromptMetadata> b = ImmutableMap.builder();
    for (Map.Entry<String, PromptMetadata> e : prompts.entrySet()) {
      if (Objects.equals(wanted, e.getValue().category())) {
        b.put(e);
      }
    }
    return b.buildOrThrow();
  }

  /**
   * Returns the compositions in insertion order: output name to the prompt names it joins.
   *
   * @return an unmodifiable map with unmodifiable lists
   */
  public Map<String, List<String>> compositions() {
    return compositions;
  }

  /**
   * Returns the composition names sorted by code point.
   *
   * @return an unmodifiable sorted list
   */
  public List<String> compositionNames() {
    return sorted(compositions.keySet());
  }

  /**
   * Returns the original version 1 object this collection was migrated from. Once present it
   * never changes: no operation of this class alters or removes it.
   *
   * @return the deeply unmodifiable JSON object, if the collection was migrated from version 1
   */
  public Optional<Map<String, Object>> v1Backup() {
    return Optional.ofNullable(v1Backup);
  }

  /**
   * Returns the scene flags (free-form; the UI uses {@code use_depth}, {@code use_mask}, {@code
   * use_pose} and {@code use_canny}).
   *
   * @return the deeply unmodifiable JSON object, if set
   */
  public Optional<Map<String, Object>> sceneFlags() {
    return Optional.ofNullable(sceneFlags);
  }

  /**
   * Returns the top-level fields of the document this version does not know, kept and written
   * back after the known ones.
   *
   * @return an unmodifiable, insertion-ordered map
   */
  public Map<String, Object> extraFields() {
    return extra;
  }

  // ---------------------------------------------------------------------------------------
  // With-ers

  /**
   * Returns a copy with the prompt {@code name} set to {@code metadata}, replacing any prompt of
   * that name in place (its position is kept) or appending a new one.
   *
   * @param name the prompt's name (used exactly as given; the empty string is allowed)
   * @param metadata the prompt
   * @return the new collection
   */
  public PromptCollection withPrompt(String name, PromptMetadata metadata) {
    checkNotNull(name, "name must not be null");
    checkNotNull(metadata, "metadata must not be null");
    if (metadata.equals(prompts.get(name))) {
      return this;
    }
    LinkedHashMap<String, PromptMetadata> m = new LinkedHashMap<>(prompts);
    m.put(name, metadata);
    return withPrompts(m);
  }

  /**
   * Returns a copy with the prompt {@code name} replaced by a plain prompt of {@code value}, as
   * the reference's {@code add_prompt(name, value)} does: metadata not given again (category,
   * tags, ...) is reset. To change only the text, use {@link #withPromptValue(String, String)}.
   *
   * @param name the prompt's name
   * @param value the text
   * @return the new collection
   */
  public PromptCollection withPrompt(String name, String value) {
    checkNotNull(name, "name");
    checkNotNull(value, "value");
    return withPrompt(name, PromptMetadata.of(value));
  }

  /**
   * Returns a copy in which the prompt {@code name} has the text {@code value}, keeping its
   * metadata (or a plain new prompt if there is none).
   *
   * @param name the prompt's name
   * @param value the text
   * @return the new collection
   */
  public PromptCollection withPromptValue(String name, String value) {
    checkNotNull(name, "name");
    checkNotNull(value, "value");
    PromptMetadata old = prompts.get(name);
    return withPrompt(name, old == null ? PromptMetadata.of(value) : old.withValue(value));
  }

  /**
   * Returns a copy without the prompt {@code name}; this instance if there is none.
   *
   * @param name the prompt's name
   * @return the new collection, or this one if nothing was removed
   */
  public PromptCollection withoutPrompt(String name) {
    checkNotNull(name, "name");
    if (!prompts.containsKey(name)) {
      return this;
    }
    LinkedHashMap<String, PromptMetadata> m = new LinkedHashMap<>(prompts);
    m.remove(name);
    return withPrompts(m);
  }

  /**
   * Returns a copy in which the prompt {@code from} is named {@code to}, at the same position.
   * Compositions that list {@code from} list {@code to} instead, so no composition silently loses
   * the prompt.
   *
   * @param from the current name
   * @param to the new name
   * @return the new collection ({@code this} if the names are equal)
   * @throws IllegalArgumentException if there is no prompt {@code from}, or a prompt {@code to}
   *     already exists
   */
  public PromptCollection withPromptRenamed(String from, String to) {
    checkNotNull(from, "from");
    checkNotNull(to, "to");
    checkArgument(prompts.containsKey(from), "no prompt named \"%s\" to rename", from);
    if (from.equals(to)) {
      return this;
    }
    checkArgument(!prompts.containsKey(to), "a prompt named \"%s\" already exists", to);
    LinkedHashMap<String, PromptMetadata> m = new LinkedHashMap<>();
    for (Map.Entry<String, PromptMetadata> e : prompts.entrySet()) {
      m.put(e.getKey().equals(from) ? to : e.getKey(), e.getValue());
    }
    LinkedHashMap<String, List<String>> c = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> e : compositions.entrySet()) {
      List<String> keys = new ArrayList<>(e.getValue());
      keys.replaceAll(k -> k.equals(from) ? to : k);
      c.put(e.getKey(), keys);
    }
    return new PromptCollection(
        ImmutableMap.copyOf(m), copyCompositions(c), v1Backup, sceneFlags, extra);
  }

  /**
   * Returns a copy with the composition {@code name} set to {@code promptNames} (kept as given:
   * duplicates and names of missing prompts are allowed, and skipped or repeated when composed).
   *
   * @param name the composition's name
   * @param promptNames the prompt names to join, in order
   * @return the new collection
   */
  public PromptCollection withComposition(String name, List<String> promptNames) {
    checkNotNull(promptNames, "promptNames");
    checkNotNull(name, "name must not be null");
    LinkedHashMap<String, List<String>> c = new LinkedHashMap<>(compositions);
    c.put(name, promptNames);
    return new PromptCollection(prompts, copyCompositions(c), v1Backup, sceneFlags, extra);
  }

  /**
   * Returns a copy without the composition {@code name}; this instance if there is none.
   *
   * @param name the composition's name
   * @return the new collection, or this one if nothing was removed
   */
  public PromptCollection withoutComposition(String name) {
    checkNotNull(name, "name");
    if (!compositions.containsKey(name)) {
      return this;
    }
    LinkedHashMap<String, List<String>> c = new LinkedHashMap<>(compositions);
    c.remove(name);
    return new PromptCollection(prompts, copyCompositions(c), v1Backup, sceneFlags, extra);
  }

  /**
   * Returns a copy with the given scene flags, or without any when {@code flags} is null.
   *
   * @param flags a JSON object (for example {@code Map.of("use_depth", true)}), or null
   * @return the new collection
   * @throws IllegalArgumentException if the map holds a value that is not JSON
   */
  public PromptCollection withSceneFlags(@Nullable Map<String, ?> flags) {
    Map<String, Object> f = flags == null ? null : FbJson.immutableObject(flags);
    return new PromptCollection(prompts, compositions, v1Backup, f, extra);
  }

  /**
   * Returns a copy carrying {@code backup} as its {@link #v1Backup()}, for writers that upgrade a
   * version 1 file (or keep the backup of the file they replace). A backup, once present, never
   * changes: this succeeds only when the collection has none, or an equal one (then it returns
   * this instance).
   *
   * @param backup the original version 1 object
   * @return the copy
   * @throws IllegalStateException if the collection already carries a different backup
   * @throws IllegalArgumentException if the map holds a value that is not JSON
   */
  public PromptCollection withV1Backup(Map<String, ?> backup) {
    checkNotNull(backup, "backup");
    Map<String, Object> b = FbJson.immutableObject(backup);
    if (v1Backup != null) {
      if (JsonEquality.equal(v1Backup, b)) {
        return this;
      }
      throw new IllegalStateException(
          "this collection already carries a different v1_backup; a backup never changes");
    }
    return new PromptCollection(prompts, compositions, b, sceneFlags, extra);
  }

  private PromptCollection withPrompts(Map<String, PromptMetadata> m) {
    return new PromptCollection(ImmutableMap.copyOf(m), compositions, v1Backup, sceneFlags, extra);
  }

  private static ImmutableMap<String, List<String>> copyCompositions(
      Map<String, ? extends List<String>> c) {
    ImmutableMap.Builder<String, List<String>> b = ImmutableMap.builder();
    for (Map.Entry<String, ? extends List<String>> e : c.entrySet()) {
      b.put(e.getKey(), ImmutableList.copyOf(e.getValue()));
    }
    return b.buildOrThrow();
  }

  private static List<String> sorted(java.util.Collection<String> names) {
    List<String> list = new ArrayList<>(names);
    list.sort(PythonText.CODE_POINT_ORDER);
    return ImmutableList.copyOf(list);
  }

  // ---------------------------------------------------------------------------------------
  // Composition

  /**
   * Returns a prompt's value as composition uses it: when the prompt {@linkplain
   * PromptMetadata#usesLibber() uses a libber} and {@code libbers} has one of that name, the value
   * after {@link Libber#substitute(String)}; otherwise the value as written (a libber that cannot
   * be found leaves the value raw, as in the reference; {@link #missingLibbers} lists such names).
   *
   * @param name the prompt's name
   * @param libbers where to find libbers by name
   * @return the processed value, if the prompt exists
   * @throws LibberExpansionException if a substitution is refused by its limits
   */
  public Optional<String> resolvedValue(String name, LibberSource libbers) {
    checkNotNull(name, "name");
    checkNotNull(libbers, "libbers");
    PromptMetadata m = prompts.get(name);
    return m == null ? Optional.empty() : Optional.of(resolve(m, libbers));
  }

  /**
   * Returns every prompt's processed value (see {@link #resolvedValue}), in insertion order.
   *
   * @param libbers where to find libbers by name
   * @return an unmodifiable map of name to processed value
   * @throws LibberExpansionException if a substitution is refused by its limits
   */
  public Map<String, String> resolvedValues(LibberSource libbers) {
    checkNotNull(libbers, "libbers");
    LinkedHashMap<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, PromptMetadata> e : prompts.entrySet()) {
      out.put(e.getKey(), resolve(e.getValue(), libbers));
    }
    return Collections.unmodifiableMap(out);
  }

  /**
   * Composes each entry of {@code compositionMap} as the reference's {@code compose_prompts}
   * does: for each listed prompt name, in order, skip names with no prompt, take the {@linkplain
   * #resolvedValue processed value}, drop it if empty (whitespace-only values are kept), join the
   * rest with single spaces and strip Python whitespace at both ends. Duplicated names repeat; an
   * empty list gives {@code ""}.
   *
   * @param compositionMap output name to the prompt names to join
   * @param libbers where to find libbers by name
   * @return an unmodifiable map with one entry per input name, in the input's order
   * @throws LibberExpansionException if a substitution is refused by its limits
   */
  public Map<String, String> compose(
      Map<String, ? extends List<String>> compositionMap, LibberSource libbers) {
    checkNotNull(compositionMap, "compositionMap must not be null");
    checkNotNull(libbers, "libbers must not be null");
    LinkedHashMap<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, ? extends List<String>> e : compositionMap.entrySet()) {
      StringBuilder sb = new StringBuilder();
      for (String key : checkNotNull(e.getValue(), "composition %s is null", e.getKey())) {
        PromptMetadata m = prompts.get(key);
        if (m == null) {
          continue;
        }
        String part = resolve(m, libbers);
        if (part.isEmpty()) {
          continue;
        }
        if (sb.length() > 0) {
          sb.append(' ');
        }
        sb.append(part);
      }
      out.put(e.getKey(), PythonText.strip(sb.toString()));
    }
    return Collections.unmodifiableMap(out);
  }

  /**
   * Composes this collection's own {@link #compositions()}.
   *
   * @param libbers where to find libbers by name
   * @return an unmodifiable map of composition name to text, in insertion order
   * @throws LibberExpansionException if a substitution is refused by its limits
   */
  public Map<String, String> compose(LibberSource libbers) {
    checkNotNull(libbers, "libbers");
    return compose(compositions, libbers);
  }

  /**
   * Lists the libber names that prompts use but {@code libbers} cannot find (their values are
   * composed raw), sorted by code point.
   *
   * @param libbers where to find libbers by name
   * @return an unmodifiable sorted list without duplicates
   */
  public List<String> missingLibbers(LibberSource libbers) {
    checkNotNull(libbers, "libbers");
    java.util.TreeSet<String> missing = new java.util.TreeSet<>(PythonText.CODE_POINT_ORDER);
    for (PromptMetadata m : prompts.values()) {
      String lib = m.libberName();
      if (m.usesLibber() && lib != null && libbers.libber(lib).isEmpty()) {
        missing.add(lib);
      }
    }
    return ImmutableList.copyOf(missing);
  }

  private static String resolve(PromptMetadata m, LibberSource libbers) {
    String lib = m.libberName();
    if (!m.usesLibber() || lib == null) {
      return m.value();
    }
    Optional<Libber> libber = libbers.libber(lib);
    return libber.isPresent() ? libber.get().substitute(m.value()) : m.value();
  }

  // ---------------------------------------------------------------------------------------

  /**
   * Two collections are equal exactly when they write the same bytes: the same prompts in the
   * same order, the same compositions in the same order, and equal backups, scene flags and
   * unknown fields, JSON objects compared in order (see {@code docs/equality.md}).
   *
   * @param o another object
   * @return true if equal
   */
  @Override
  public boolean equals(@CheckForNull Object o) {
    return o == this
        || (o instanceof PromptCollection other && JsonEquality.equal(parts(), other.parts()));
  }

  /**
   * Returns a hash code consistent with {@link #equals}, depending on the order of JSON objects.
   *
   * @return the hash code
   */
  @Override
  public int hashCode() {
    return JsonEquality.hash(parts());
  }

  /** The parts the JSON is written from, in order (null for an absent optional part). */
  private List<Object> parts() {
    return java.util.Arrays.asList(prompts, compositions, v1Backup, sceneFlags, extra);
  }

  /**
   * Returns a short description: the prompt and composition names and whether a backup exists.
   *
   * @return a description for logs
   */
  @Override
  public String toString() {
    return "PromptCollection{prompts="
        + prompts.keySet()
        + ", compositions="
        + compositions.keySet()
        + (v1Backup != null ? ", v1Backup" : "")
        + (sceneFlags != null ? ", sceneFlags=" + sceneFlags : "")
        + "}";
  }
}
