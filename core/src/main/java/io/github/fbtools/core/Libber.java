package io.github.fbtools.core;

import static com.google.common.base.Preconditions.checkNotNull;

import static com.google.common.base.Preconditions.checkArgument;

import io.github.fbtools.core.json.FormatException;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.Iterables;
import io.github.fbtools.core.json.FbJson;
import io.github.fbtools.core.json.JsonFields;
import io.github.fbtools.core.json.JsonFields.Nulls;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import javax.annotation.CheckForNull;
import javax.annotation.Nullable;

/**
 * A Libber: named text snippets ("libs") that {@link #substitute(String)} inserts wherever a text
 * says {@code %key%}, recursively, exactly as the Python fbTools {@code Libber} does, but bounded
 * in time and memory and never reaching outside its own map.
 *
 * <pre>{@code
 * Libber libber = Libber.empty()
 *     .withLib("Hair", "long %color% hair")      // key normalised to "hair"
 *     .withLib("color", "red");
 * libber.substitute("a woman with %hair%");     // "a woman with long red hair"
 * String json = libber.toJson();                 // {"libs": {...}, "delimiter": "%", "max_depth": 10}
 * Libber same = Libber.fromJson(json);           // equal to libber
 * }</pre>
 *
 * <h2>Substitution</h2>
 *
 * <p>The output is the Python reference's output for every input on which the reference
 * terminates (see {@link #substitute(String, ExpansionLimits)}): a reference is the delimiter, a
 * key of one or more ASCII {@code [a-z0-9_]} chars, and the delimiter again; one left-to-right
 * pass replaces each reference to a known key by its value, itself processed one level deeper;
 * unknown references are left as they are; text at depth {@link #maxDepth()} is left unchanged, so
 * cycles end as a literal reference. Values are inserted literally: nothing in a value or a text
 * is ever interpreted except references to this Libber's own keys (no environment, system
 * property, file, URL, script or JNDI lookup of any kind).
 *
 * <h2>Keys</h2>
 *
 * <p>{@link #withLib}, {@link #withoutLib} and {@link #lib} normalise their key with {@link
 * #normalizeKey} (lower case, spaces and dashes to underscores). {@link #of} and {@link
 * #fromJson} keep keys exactly as given, like the reference, so a key such as {@code Foo} may be
 * present: it is listed and written back, but no reference can ever match it ({@link #analyze()}
 * reports it).
 *
 * <p>Why this class is long: it is the public API of the value (factories, the JSON
 * codec of a Libber file, keys, with-ers and substitution), each method documented; the
 * expansion engine ({@code LibberEngine}), the scanner ({@code LibberScanner}), the key table
 * ({@code LibberKeyTable}) and the analysis ({@link LibberAnalysis}) are already separate.
 *
 * <p>Instances are immutable and thread-safe; every {@code with} method returns a new instance (or
 * this one when nothing changes).
 */
public final class Libber {
  /** The delimiter when none is given: {@value}. */
  public static final String DEFAULT_DELIMITER = "%";

  /**
   * The size limits of a Libber file: 16 MiB and 2,000,000 tokens. {@link #fromJson(String)}
   * reads within them, and so does every reader of the file ({@code core.files.FileKind.LIBBER}).
   */
  public static final FbJson.Limits JSON_LIMITS = new FbJson.Limits(16 << 20, 2_000_000);

  /** The depth limit when none is given: {@value}. */
  public static final int DEFAULT_MAX_DEPTH = 10;

  /** Why an empty delimiter is refused. */
  private static final String EMPTY_DELIMITER =
      "delimiter must not be empty (every run of key characters would be a reference, so"
          + " \"a\" would become the value of key a everywhere)";

  /** The largest depth limit accepted: {@value}. */
  public static final int MAX_DEPTH_LIMIT = 100;

  private static final Libber EMPTY =
      new Libber(ImmutableMap.of(), DEFAULT_DELIMITER, DEFAULT_MAX_DEPTH, Collections.emptyMap());

  private final ImmutableMap<String, String> libs;
  private final String delimiter;
  private final int maxDepth;
  /** Unknown top-level fields of the file this Libber was read from, in their order. */
  private final Map<String, Object> extraFields;

  /** Compiled on first use; immutable, so a racy publication is harmless. */
  @Nullable private volatile LibberEngine engine;

  /** Sorted on first use. */
  @Nullable private volatile ImmutableList<String> sortedKeys;

  private Libber(
      ImmutableMap<String, String> libs,
      String delimiter,
      int maxDepth,
      Map<String, Object> extraFields) {
    this.libs = libs;
    this.delimiter = delimiter;
    this.maxDepth = maxDepth;
    this.extraFields = extraFields;
  }

  // ---------------------------------------------------------------------------------------
  // Factories

  /**
   * Returns the empty Libber with the default delimiter {@code %} and depth limit 10.
   *
   * @return the empty Libber
   */
  public static Libber empty() {
    return EMPTY;
  }

  /**
   * Creates a Libber with the default delimiter {@code %} and depth limit 10. Keys are kept
   * exactly as given (not normalised), in the map's iteration order.
   *
   * @param libs the keys and their values
   * @return the Libber
   * @throws NullPointerException if a key or value is null
   * @throws IllegalArgumentException if a key or value holds an unpaired surrogate (it could not
   *     be written as UTF-8)
   */
  public static Libber of(Map<String, String> libs) {
    checkNotNull(libs, "libs");
    return of(libs, DEFAULT_DELIMITER, DEFAULT_MAX_DEPTH);
  }

  /**
   * Creates a Libber. Keys are kept exactly as given (not normalised), in the map's iteration
   * order.
   *
   * @param libs the keys and their values
   * @param delimiter the text that opens and closes a reference: one or more chars
   * @param maxDepth the depth limit, 0..100 (0 means no substitution at all)
   * @return the Libber
   * @throws NullPointerException if a key or value is null
   * @throws IllegalArgumentException if {@code maxDepth} is outside 0..100, the delimiter is empty,
   *     or a key, value or the delimiter holds an unpaired surrogate
   */
  public static Libber of(Map<String, String> libs, String delimiter, int maxDepth) {
    checkNotNull(libs, "libs");
    checkNotNull(delimiter, "delimiter");
    checkDelimiter(delimiter);
    checkMaxDepth(maxDepth);
    ImmutableMap.Builder<String, String> b = ImmutableMap.builderWithExpectedSize(libs.size());
    for (Map.Entry<String, String> e : libs.entrySet()) {
      String key = checkNotNull(e.getKey(), "libs holds a null key");
      String value = checkNotNull(e.getValue(), "the value of key \"%s\" is null", key);
      checkText("key", key);
      checkText("value of key \"" + key + "\"", value);
      b.put(key, value);
    }
    return new Libber(b.buildOrThrow(), delimiter, maxDepth, Collections.emptyMap());
  }

  /**
   * Reads a Libber file: a JSON object with {@code libs} (an object of string values, or null),
   * {@code delimiter} (a string, default {@code %}) and {@code max_depth} (an integer 0..100,
   * default 10).
   *
   * <p>The documented but never-written {@code lib_dict} is read too, so a file in that format
   * never loads as empty: when only one of {@code libs} and {@code lib_dict} is present, it is
   * used; when both are, the non-empty one is used, and if both are non-empty they must hold the
   * same entries (the Libber takes {@code libs}'s order), otherwise the file is refused as
   * ambiguous. {@link #toJson()} writes {@code libs} only. Keys are kept exactly as written. Any
   * other top-level field is kept, in order, and written back after the known ones.
   *
   * @param json the file's text
   * @return the Libber
   * @throws FormatException if the text is not a JSON object, or a field has the wrong type or
   *     range (with the JSON path, line and column)
   */
  public static Libber fromJson(String json) {
    checkNotNull(json, "json");
    Map<String, Object> doc = FbJson.parseObject(json, JSON_LIMITS);
    try {
      return fromDocument(doc);
    } catch (FormatException e) {
      throw FbJson.withLocation(json, e);
    }
  }

  /**
   * Reads a Libber from a JSON object of {@link FbJson}'s value model, as {@link #fromJson} reads
   * the text of one (the same fields, rules and errors, without line and column).
   *
   * @param doc the file's top-level object
   * @return the Libber
   * @throws FormatException if a field has the wrong type or range (with the JSON path)
   * @throws IllegalArgumentException if the map holds a value that is not JSON
   */
  public static Libber fromJsonObject(Map<String, ?> doc) {
    checkNotNull(doc, "doc");
    return fromDocument(FbJson.immutableObject(doc));
  }

  private static Libber fromDocument(Map<String, Object> doc) {
    Map<String, String> libs = readLibs(doc, "libs");
    Map<String, String> libDict = readLibs(doc, "lib_dict");
    Map<String, String> chosen;
    if (libs == null) {
      chosen = libDict == null ? Collections.emptyMap() : libDict;
    } else if (libDict == null || libDict.isEmpty() || libDict.equals(libs)) {
      chosen = libs;
    } else if (libs.isEmpty()) {
      chosen = libDict;
    } else {
      throw FormatException.at(
          "/lib_dict",
          "both \"libs\" and \"lib_dict\" are present with different entries;"
              + " keep only one of them");
    }

    String delimiter = JsonFields.string(doc, "", "delimiter", Nulls.REFUSED, DEFAULT_DELIMITER);
    if (delimiter.isEmpty()) {
      throw FormatException.at("/delimiter", EMPTY_DELIMITER);
    }

    int maxDepth = DEFAULT_MAX_DEPTH;
    if (doc.containsKey("max_depth")) {
      Object m = doc.get("max_depth");
      if (!(m instanceof Long v)) {
        throw FormatException.at(
            "/max_depth",
            "max_depth must be an integer in 0.." + MAX_DEPTH_LIMIT + ", found "
                + FbJson.typeName(m) + (m instanceof Number ? " " + m : ""));
      }
      if (v < 0 || v > MAX_DEPTH_LIMIT) {
        throw FormatException.at(
            "/max_depth", "max_depth must be an integer in 0.." + MAX_DEPTH_LIMIT + ": " + v);
      }
      maxDepth = (int) (long) v;
    }

    LinkedHashMap<String, Object> extra = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : doc.entrySet()) {
      String k = e.getKey();
      if (!k.equals("libs") && !k.equals("lib_dict") && !k.equals("delimiter")
          && !k.equals("max_depth")) {
        extra.put(k, e.getValue());
      }
    }
    return new Libber(
        ImmutableMap.copyOf(chosen),
        delimiter,
        maxDepth,
        extra.isEmpty() ? Collections.emptyMap() : Collections.unmodifiableMap(extra));
  }

  /** Reads {@code libs} or {@code lib_dict}; null when the field is absent. */
  @Nullable
  private static Map<String, String> readLibs(Map<String, Object> doc, String field) {
    if (!doc.containsKey(field)) {
      return null;
    }
    Map<String, Object> value = JsonFields.object(doc, "", field, Nulls.AS_ABSENT);
    LinkedHashMap<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : value.entrySet()) {
      String key = e.getKey();
      if (!(e.getValue() instanceof String v)) {
        throw FormatException.at(
            "/" + field + "/" + FbJson.escapePointer(key),
            "the value of \"" + key + "\" must be a string, found " + FbJson.typeName(e.getValue()));
      }
      out.put(key, v);
    }
    return out;
  }

  // ---------------------------------------------------------------------------------------
  // Keys

  /**
   * Normalises a key as the reference's {@code add_lib} does: full Unicode lower case as CPython
   * 3.11's {@code str.lower()} gives it ({@link PythonText#lower}: Unicode 14.0 on every JVM, so
   * {@code İ} becomes {@code i̇}, two code points, and {@code U+A7C0} becomes {@code U+A7C1},
   * which Java 17 alone would keep), then every space and every {@code -} becomes {@code _}.
   * Other whitespace is kept.
   *
   * @param key any key
   * @return the normalised key, for example {@code foo_bar_x} for {@code "Foo Bar-x"}
   */
  public static String normalizeKey(String key) {
    checkNotNull(key, "key");
    return PythonText.lower(key).replace(' ', '_').replace('-', '_');
  }

  /**
   * Returns the value of a key.
   *
   * @param key the key, normalised with {@link #normalizeKey} first
   * @return the value, if the normalised key is present
   */
  public Optional<String> lib(String key) {
    checkNotNull(key, "key");
    return Optional.ofNullable(libs.get(normalizeKey(key)));
  }

  /**
   * Returns a Libber where the normalised key has this value. An existing key keeps its position;
   * a new one goes last.
   *
   * @param key the key, normalised with {@link #normalizeKey} first
   * @param value the value, inserted literally by substitution (references in it are expanded)
   * @return the new Libber, or this one if the key already has this value
   * @throws IllegalArgumentException if the key or value holds an unpaired surrogate
   */
  public Libber withLib(String key, String value) {
    checkNotNull(key, "key");
    String k = normalizeKey(key);
    checkNotNull(value, "value");
    if (value.equals(libs.get(k))) {
      return this;
    }
    checkText("key", k);
    checkText("value of key \"" + k + "\"", value);
    LinkedHashMap<String, String> copy = new LinkedHashMap<>(libs);
    copy.put(k, value);
    return new Libber(ImmutableMap.copyOf(copy), delimiter, maxDepth, extraFields);
  }

  /**
   * Returns a Libber without the normalised key. When the key is absent, this very instance is
   * returned, so {@code libber.withoutLib(k) != libber} tells whether something was removed.
   *
   * @param key the key, normalised with {@link #normalizeKey} first
   * @return the new Libber, or this instance if the key was not present
   */
  public Libber withoutLib(String key) {
    checkNotNull(key, "key");
    String k = normalizeKey(key);
    if (!libs.containsKey(k)) {
      return this;
    }
    ImmutableMap.Builder<String, String> b = ImmutableMap.builderWithExpectedSize(libs.size() - 1);
    for (Map.Entry<String, String> e : libs.entrySet()) {
      if (!e.getKey().equals(k)) {
        b.put(e);
      }
    }
    return new Libber(b.buildOrThrow(), delimiter, maxDepth, extraFields);
  }

  /**
   * Returns the keys sorted by Unicode code point, as Python's {@code sorted} does (which differs
   * from {@link String#compareTo} when a supplementary character meets a BMP character at or above
   * U+E000). Upper-case keys from a file sort before lower-case ones.
   *
   * @return an unmodifiable sorted list
   */
  public List<String> keys() {
    ImmutableList<String> k = sortedKeys;
    if (k == null) {
      k = ImmutableList.sortedCopyOf(PythonText.CODE_POINT_ORDER, libs.keySet());
      sortedKeys = k;
    }
    return k;
  }

  /**
   * Returns the keys and values in insertion order.
   *
   * @return an unmodifiable map
   */
  public Map<String, String> libs() {
    return libs;
  }

  /**
   * Returns the delimiter that opens and closes a reference.
   *
   * @return the delimiter, never empty
   */
  public String delimiter() {
    return delimiter;
  }

  /**
   * Returns the depth limit: text at this depth is left unchanged.
   *
   * @return 0..100
   */
  public int maxDepth() {
    return maxDepth;
  }

  /**
   * Returns the top-level fields of the file this Libber was read from that it does not know
   * ({@code libs}, {@code lib_dict}, {@code delimiter} and {@code max_depth} are known). They are
   * kept by every {@code with} method and written back by {@link #toJson()} after the known
   * fields.
   *
   * @return an unmodifiable insertion-ordered map of JSON values (see {@link FbJson}); values may
   *     be null
   */
  public Map<String, Object> extraFields() {
    return extraFields;
  }

  /**
   * Returns this Libber with another delimiter.
   *
   * @param newDelimiter the delimiter, one or more chars
   * @return the new Libber, or this one if unchanged
   * @throws IllegalArgumentException if the delimiter is empty or holds an unpaired surrogate
   */
  public Libber withDelimiter(String newDelimiter) {
    checkNotNull(newDelimiter, "newDelimiter");
    checkDelimiter(newDelimiter);
    return newDelimiter.equals(delimiter)
        ? this
        : new Libber(libs, newDelimiter, maxDepth, extraFields);
  }

  /**
   * Returns this Libber with another depth limit.
   *
   * @param newMaxDepth the depth limit, 0..100
   * @return the new Libber, or this one if unchanged
   * @throws IllegalArgumentException if {@code newMaxDepth} is outside 0..100
   */
  public Libber withMaxDepth(int newMaxDepth) {
    checkMaxDepth(newMaxDepth);
    return newMaxDepth == maxDepth ? this : new Libber(libs, delimiter, newMaxDepth, extraFields);
  }

  // ---------------------------------------------------------------------------------------
  // Substitution

  /**
   * Substitutes references within {@link ExpansionLimits#DEFAULT}.
   *
   * @param text the text
   * @return the text with references to known keys expanded
   * @throws LibberExpansionException if the output would exceed 16 Mi chars or the expansion 1
   *     million steps
   * @see #substitute(String, ExpansionLimits)
   */
  public String substitute(String text) {
    checkNotNull(text, "text");
    return substitute(text, ExpansionLimits.DEFAULT);
  }

  /**
   * Substitutes references exactly as the reference's {@code substitute(text)} does, within
   * limits.
   *
   * <ul>
   *   <li>A reference is {@code DELIM key DELIM} where the key is one or more chars of ASCII
   *       {@code [a-z0-9_]} (so {@code %Foo%}, {@code %a-b%} or {@code %café%} never match). The
   *       text is scanned once, left to right; matches do not overlap; a match whose key is
   *       unknown is left as it is and consumes its delimiters ({@code %x%b%} stays as it is, and
   *       with {@code a} known {@code %a%b%} gives {@code Ab%}). Inserted text is never rescanned
   *       together with its surroundings.
   *   <li>The text is at depth 0. A known reference at depth {@code d} is replaced by its value
   *       processed at depth {@code d + 1}; text at depth {@link #maxDepth()} or more is left
   *       unchanged. So with the default 10, a chain {@code k0 → … → k9 → "END"} gives {@code END}
   *       but one more hop leaves {@code %k10%}; a cycle ends as a literal reference ({@code
   *       a = "x%a%"} gives ten {@code x} then {@code %a%}); depth 0 substitutes nothing.
   *   <li>Values are inserted literally ({@code $} and {@code \} are plain chars).
   *   <li>Any delimiter works literally, including regex characters ({@code $}, {@code .}),
   *       several chars ({@code <<>>}, {@code %%}) and delimiters made of key chars such as {@code
   *       _} (matched greedily with backtracking: {@code _my_key_} is the key {@code my_key}). The
   *       empty delimiter, which the reference accepts (every run of {@code [a-z0-9_]} is then a
   *       reference, so {@code a} becomes {@code b} everywhere), is refused when a Libber is made
   *       or read.
   * </ul>
   *
   * <p>The work is linear in the output (each distinct (key, depth) expansion is computed once),
   * uses no recursion, and the output length is known before the output is built: past either
   * limit the call throws without building anything. A <em>step</em> is one reference to a known
   * key in {@code text} or one distinct (key, depth) expansion computed.
   *
   * @param text the text
   * @param limits the output and step limits
   * @return the text with references to known keys expanded; {@code text} itself when it holds
   *     none
   * @throws LibberExpansionException if the output would be longer than {@code
   *     limits.maxOutputChars()} (even without references) or the expansion would take more than
   *     {@code limits.maxExpansionSteps()} steps; it names the key chain, outermost first
   */
  public String substitute(String text, ExpansionLimits limits) {
    checkNotNull(text, "text");
    checkNotNull(limits, "limits");
    return engine().substitute(text, limits);
  }

  /**
   * Checks the map for problems substitution would not report: cycles, references to keys that
   * do not exist, and keys that no reference can match.
   *
   * @return the analysis
   * @see LibberAnalysis
   */
  public LibberAnalysis analyze() {
    return LibberAnalysis.of(libs, engine());
  }

  /**
   * Returns the keys whose reference alone ({@code %key%} with this Libber's delimiter) {@link
   * #substitute(String, ExpansionLimits)} would refuse, with the reason: keys whose expansion is
   * longer than {@link ExpansionLimits#maxOutputChars()} or takes more than {@link
   * ExpansionLimits#maxExpansionSteps()} steps, such as the doubling chain {@code k0 = "%k1%
   * %k1%"}, ... {@code k40}, which {@link #analyze()} does not see (it is not a cycle). Nothing is
   * built: each key costs the distinct (key, depth) expansions below it.
   *
   * @param limits the limits substitution would apply, usually {@link ExpansionLimits#DEFAULT}
   * @return matchable key to the refusal's message, in code point order; empty when every key fits
   */
  public Map<String, String> keysOverLimits(ExpansionLimits limits) {
    checkNotNull(limits, "limits");
    LibberEngine e = engine();
    TreeMap<String, String> over = new TreeMap<>(PythonText.CODE_POINT_ORDER);
    for (int k = 0; k < e.names.length; k++) {
      try {
        e.newCall(limits).measure(k);
      } catch (LibberExpansionException refused) {
        over.put(e.names[k], refused.getMessage());
      }
    }
    return ImmutableMap.copyOf(over);
  }

  LibberEngine engine() {
    LibberEngine e = engine;
    if (e == null) {
      e = LibberEngine.compile(libs, LibberScanner.forDelimiter(delimiter), maxDepth);
      engine = e;
    }
    return e;
  }

  // ---------------------------------------------------------------------------------------
  // JSON

  /**
   * Writes this Libber as the reference's file format: {@code {"libs": {...}, "delimiter": ...,
   * "max_depth": ...}} in that order, then any {@linkplain #extraFields() unknown fields} it was
   * read with; 2-space indent, non-ASCII written raw, a final newline. Equal Libbers give equal
   * text.
   *
   * @return the JSON text
   */
  public String toJson() {
    LinkedHashMap<String, Object> doc = new LinkedHashMap<>();
    doc.put("libs", libs);
    doc.put("delimiter", delimiter);
    doc.put("max_depth", (long) maxDepth);
    doc.putAll(extraFields);
    return FbJson.write(doc);
  }

  // ---------------------------------------------------------------------------------------
  // Object

  /**
   * Two Libbers are equal when they have the same entries in the same order, the same delimiter
   * and depth limit, and the same unknown fields; equal Libbers write equal JSON.
   *
   * @param o another object
   * @return whether it is an equal Libber
   */
  @Override
  public boolean equals(@CheckForNull Object o) {
    if (o == this) {
      return true;
    }
    if (!(o instanceof Libber other)) {
      return false;
    }
    return maxDepth == other.maxDepth
        && delimiter.equals(other.delimiter)
        && libs.equals(other.libs)
        && Iterables.elementsEqual(libs.keySet(), other.libs.keySet())
        && extraFieldsEqual(extraFields, other.extraFields);
  }

  private static boolean extraFieldsEqual(Map<String, Object> a, Map<String, Object> b) {
    if (a.isEmpty() || b.isEmpty()) {
      return a.isEmpty() && b.isEmpty();
    }
    // Compare as written, so that member order counts at every level.
    return FbJson.writeCompact(a).equals(FbJson.writeCompact(b));
  }

  @Override
  public int hashCode() {
    return Objects.hash(libs, delimiter, maxDepth, extraFields);
  }

  /**
   * Returns a short description: the number of keys, the first keys, the delimiter and the depth
   * limit.
   *
   * @return the description
   */
  @Override
  public String toString() {
    List<String> shown = new ArrayList<>();
    for (String k : libs.keySet()) {
      if (shown.size() == 20) {
        shown.add("...");
        break;
      }
      shown.add(k);
    }
    return "Libber{"
        + libs.size()
        + " keys "
        + shown
        + ", delimiter=\""
        + delimiter
        + "\", maxDepth="
        + maxDepth
        + (extraFields.isEmpty() ? "" : ", extraFields=" + extraFields.keySet())
        + "}";
  }

  // ---------------------------------------------------------------------------------------
  // Checks and helpers

  private static void checkMaxDepth(int maxDepth) {
    checkArgument(
        maxDepth >= 0 && maxDepth <= MAX_DEPTH_LIMIT,
        "maxDepth must be in 0..%s: %s",
        MAX_DEPTH_LIMIT,
        maxDepth);
  }

  private static void checkDelimiter(String delimiter) {
    checkNotNull(delimiter, "delimiter");
    checkArgument(!delimiter.isEmpty(), "%s: \"\"", EMPTY_DELIMITER);
    checkText("delimiter", delimiter);
  }

  private static void checkText(String what, String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        // not checkArgument: the message's hex form would be formatted for every char
        throw new IllegalArgumentException(
            String.format(
                Locale.ROOT, "%s has an unpaired surrogate \\u%04x at index %d", what, (int) c, i));
      }
    }
  }
}
