package io.github.fbtools.core;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import io.github.fbtools.core.json.FbJson;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;
import javax.annotation.CheckForNull;

/**
 * One prompt of a {@link PromptCollection}: its text and metadata, as an entry of {@code
 * prompts.json} v2 stores it.
 *
 * <p>An empty {@code category}, {@code description} or {@code libberName} is the same as none
 * (stored as null): the reference's writer omits empty values, so the file cannot tell them
 * apart. {@code processingType} is a free string, {@code "raw"} by default; only {@value #LIBBER}
 * has an effect (the value is passed through the libber named {@code libberName} when composed).
 * Fields of a prompt entry this version does not know are kept in {@link #extra()} and written
 * back after the known ones.
 *
 * <pre>{@code
 * PromptMetadata p = PromptMetadata.of("a %style% portrait")
 *     .withCategory("portrait")
 *     .withTags(List.of("face", "studio"))
 *     .withProcessingType(PromptMetadata.LIBBER)
 *     .withLibberName("styles");
 * }</pre>
 *
 * <p>Two instances are equal exactly when they write the same bytes: JSON objects they carry
 * compare in order, as they are written ({@code docs/equality.md}).
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param value the prompt text (may be empty, never null)
 * @param category the category, or null
 * @param description a description, or null
 * @param tags tags, in order (never null)
 * @param processingType how the value is processed: {@value #RAW} (default) or {@value #LIBBER};
 *     other strings are kept as written
 * @param libberName the libber applied when {@code processingType} is {@value #LIBBER}, or null
 * @param extra unknown fields of the entry, kept and written back (deeply unmodifiable JSON)
 */
public record PromptMetadata(
    String value,
    @Nullable String category,
    @Nullable String description,
    List<String> tags,
    String processingType,
    @Nullable String libberName,
    Map<String, Object> extra) {

  /** The default processing type: the value is used as written. */
  public static final String RAW = "raw";

  /** The processing type that applies the libber named by {@link #libberName()}. */
  public static final String LIBBER = "libber";

  /**
   * Validates and copies the components.
   *
   * @param value the prompt text (may be empty, never null)
   * @param category the category, or null
   * @param description a description, or null
   * @param tags tags, in order (never null)
   * @param processingType how the value is processed: {@value #RAW} (default) or {@value #LIBBER};
   *     other strings are kept as written
   * @param libberName the libber applied when {@code processingType} is {@value #LIBBER}, or null
   * @param extra unknown fields of the entry, kept and written back (deeply unmodifiable JSON)
   * @throws NullPointerException if {@code value}, {@code tags}, a tag, {@code processingType} or
   *     {@code extra} is null
   * @throws IllegalArgumentException if {@code extra} holds a non-JSON value or a known field
   */
  public PromptMetadata {
    checkNotNull(value, "value must not be null");
    checkNotNull(tags, "tags must not be null (use an empty list)");
    checkNotNull(processingType, "processingType must not be null");
    checkNotNull(extra, "extra must not be null (use an empty map)");
    category = emptyToNull(category);
    description = emptyToNull(description);
    libberName = emptyToNull(libberName);
    tags = ImmutableList.copyOf(tags);
    for (String known : KNOWN_FIELDS) {
      checkArgument(
          !extra.containsKey(known),
          "extra must not hold the known field '%s': %s",
          known,
          extra.keySet());
    }
    extra = FbJson.immutableObject(extra);
  }

  /**
   * Creates metadata without unknown fields.
   *
   * @param value the prompt text
   * @param category the category, or null
   * @param description a description, or null
   * @param tags tags, in order
   * @param processingType {@value #RAW}, {@value #LIBBER} or another string kept as written
   * @param libberName the libber's name, or null
   */
  public PromptMetadata(
      String value,
      @Nullable String category,
      @Nullable String description,
      List<String> tags,
      String processingType,
      @Nullable String libberName) {
    this(value, category, description, tags, processingType, libberName, Map.of());
  }

  /** The field names of a prompt entry in {@code prompts.json}, in the reference's order. */
  static final List<String> KNOWN_FIELDS =
      List.of("value", "processing_type", "category", "description", "tags", "libber_name");

  /**
   * Creates metadata with only a value: no category, description, tags or libber, processing type
   * {@value #RAW}.
   *
   * @param value the prompt text
   * @return the metadata
   */
  public static PromptMetadata of(String value) {
    checkNotNull(value, "value");
    return new PromptMetadata(value, null, null, List.of(), RAW, null, Map.of());
  }

  /**
   * Returns a copy with another value.
   *
   * @param newValue the text
   * @return the copy
   */
  public PromptMetadata withValue(String newValue) {
    checkNotNull(newValue, "newValue");
    return new PromptMetadata(
        newValue, category, description, tags, processingType, libberName, extra);
  }

  /**
   * Returns a copy with another category.
   *
   * @param newCategory the category, or null (or empty) for none
   * @return the copy
   */
  public PromptMetadata withCategory(@Nullable String newCategory) {
    return new PromptMetadata(
        value, newCategory, description, tags, processingType, libberName, extra);
  }

  /**
   * Returns a copy with another description.
   *
   * @param newDescription the description, or null (or empty) for none
   * @return the copy
   */
  public PromptMetadata withDescription(@Nullable String newDescription) {
    return new PromptMetadata(
        value, category, newDescription, tags, processingType, libberName, extra);
  }

  /**
   * Returns a copy with other tags.
   *
   * @param newTags the tags, in order
   * @return the copy
   */
  public PromptMetadata withTags(List<String> newTags) {
    checkNotNull(newTags, "newTags");
    return new PromptMetadata(
        value, category, description, newTags, processingType, libberName, extra);
  }

  /**
   * Returns a copy with another processing type.
   *
   * @param newProcessingType {@value #RAW}, {@value #LIBBER} or another string
   * @return the copy
   */
  public PromptMetadata withProcessingType(String newProcessingType) {
    checkNotNull(newProcessingType, "newProcessingType");
    return new PromptMetadata(
        value, category, description, tags, newProcessingType, libberName, extra);
  }

  /**
   * Returns a copy with another libber name.
   *
   * @param newLibberName the libber's name, or null (or empty) for none
   * @return the copy
   */
  public PromptMetadata withLibberName(@Nullable String newLibberName) {
    return new PromptMetadata(
        value, category, description, tags, processingType, newLibberName, extra);
  }

  /**
   * Tells whether composing this prompt applies a libber: the processing type is exactly
   * {@value #LIBBER} and a libber name is set (the reference's rule).
   *
   * @return true if a libber applies
   */
  public boolean usesLibber() {
    return LIBBER.equals(processingType) && libberName != null;
  }

  @Nullable
  private static String emptyToNull(@Nullable String s) {
    return s == null || s.isEmpty() ? null : s;
  }

  /**
   * Tells whether {@code o} is a {@code PromptMetadata} that writes the same JSON bytes: the parts compare
   * in order, JSON objects included (see {@code docs/equality.md}).
   *
   * @param o another object
   * @return true if equal
   */
  @Override
  public boolean equals(@CheckForNull Object o) {
    return o == this || (o instanceof PromptMetadata other && JsonEquality.equal(parts(), other.parts()));
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
    return Arrays.asList(value, category, description, tags, processingType, libberName, extra);
  }
}
