package io.github.fbtools.core.json;

import static com.google.common.base.Preconditions.checkNotNull;

import java.util.HashMap;
import java.util.Map;
import javax.annotation.Nullable;

/**
 * <b>Internal:</b> the library's one rule for the builders of its services ({@code
 * AtomicFiles}, {@code FbToolsApi}, {@code SessionStore}, {@code PromptMigrator}, {@code
 * RedisSessionBackend}, {@code ExecutionInit}, {@code StorySceneBatch}): each setting is made at
 * most once, and a second call is an {@link IllegalStateException} naming the setting and both
 * values. Setting the clock, a data root, a backend or a limit twice is always a mistake (the
 * first value would be lost without a word, often a test's fake clock or a configured root).
 * Builders of values ({@code SceneInfo.Builder}, {@code SceneInStory.Builder}, the test kit's
 * {@code LibberOptions.Builder}) do not use it: they are made from an existing value with {@code
 * toBuilder()}, and setting a field over it is what they are for. The rule is in
 * docs/decisions.md. Public only so that the library's other modules can share it; it is not part
 * of the supported API and may change in any release.
 *
 * <!-- given: java.time.Clock clock -->
 * <pre>{@code
 * SetOnce once = new SetOnce();
 * once.set("clock", clock);
 * once.set("clock", clock);   // IllegalStateException: clock was already set to ...
 * }</pre>
 *
 * <p>Not thread-safe, like the builders that hold one.
 */
public final class SetOnce {
  /** The settings made so far, with the value each was given, as shown in a message. */
  private final Map<String, String> made = new HashMap<>();

  /** Creates a tracker with no setting made. */
  public SetOnce() {}

  /**
   * Records that {@code setting} is made with {@code value}; a null value (refused by the setter
   * itself, or a setter that allows it to mean "none") is not recorded.
   *
   * @param setting the setting's name, as the builder's method is called
   * @param value the value given
   * @throws IllegalStateException if {@code setting} was made before, naming both values
   */
  public void set(String setting, @Nullable Object value) {
    checkNotSet(setting, value);
    if (value != null) {
      made.put(setting, String.valueOf(value));
    }
  }

  /**
   * Checks that {@code setting} has not been made, without recording it: for a setter whose work
   * may fail (creating folders), which calls {@link #set} once that work is done, so a failed
   * call can be repeated.
   *
   * @param setting the setting's name, as the builder's method is called
   * @param value the value given, for the message
   * @throws IllegalStateException if {@code setting} was made before, naming both values
   */
  public void checkNotSet(String setting, @Nullable Object value) {
    checkNotNull(setting, "setting");
    String before = made.get(setting);
    if (before != null) {
      throw new IllegalStateException(
          setting
              + " was already set to "
              + before
              + "; refusing to set it again to "
              + value
              + " (a builder takes each setting once)");
    }
  }

  /**
   * Tells whether {@code setting} has been made.
   *
   * @param setting the setting's name
   * @return true if {@link #set} recorded it
   */
  public boolean isSet(String setting) {
    return made.containsKey(checkNotNull(setting, "setting"));
  }
}
