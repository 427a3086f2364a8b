package io.github.fbtools.testkit;

import io.github.fbtools.core.json.FormatException;
import io.github.fbtools.core.InvalidNameException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/** The catalogue behind {@link FbGen#hostilePromptsJson()} and {@link FbGen#hostileName()}. */
final class Hostiles {
  static final String PROMPTS_TARGET =
      "PromptCollection.fromJson(byte[]) (and every reader of prompts.json built on it)";

  static final String NAME_TARGET = "SafeNames.validate(kind, name), for every SafeNames.Kind";

  /** The kinds of {@link FbGen#hostilePromptsJson()}, in the order they are drawn. */
  static final List<String> PROMPT_KINDS =
      List.of(
          "truncated",
          "duplicate-key",
          "wrong-version",
          "wrong-prompts-type",
          "wrong-entry-type",
          "array-entry-without-key",
          "deep-nesting",
          "not-an-object",
          "invalid-utf8",
          "trailing-data",
          "nan",
          "lone-surrogate",
          "comment",
          "empty");

  /** The kinds of {@link FbGen#hostileName()}, each with its examples. */
  private static final List<List<String>> NAMES =
      List.of(
          List.of("traversal", "..", "../x", "a/../b", "..\\x", "x/.."),
          List.of("separator", "a/b", "a\\b", "/etc", "\\\\server\\share"),
          List.of("drive", "C:x", "c:", "D:\\x"),
          List.of("empty", ""),
          List.of("control", "a\u0000b", "a\nb", "a\tb", "\u001b[31m"),
          List.of("format", "a\u202eb", "a\u200bb", "\ufeffname"),
          List.of("look-alike-separator", "a\u2215b", "a\uff0fb", "a\u2044b", "a\uff3cb"),
          List.of("look-alike-dot", "\uff0e\uff0e", "a\u2024\u2024b", "\uff0e"),
          List.of("reserved", "CON", "nul.txt", "Com1", "LPT9.json", "aux"),
          List.of("trailing", "name.", "name "),
          List.of("leading", ".hidden", "-rf", " name"),
          List.of("percent", "%2e%2e", "a%2fb", "%00"),
          List.of("too-long", "a".repeat(129), "\u00e9".repeat(200)));

  private Hostiles() {}

  static List<String> nameKinds() {
    return NAMES.stream().map(l -> l.get(0)).toList();
  }

  static HostileInput name(Rng r) {
    List<String> kind = NAMES.get(r.nextInt(NAMES.size()));
    String example = kind.get(r.between(1, kind.size() - 1));
    String label = kind.get(0);
    if ((label.equals("separator")
            || label.equals("control")
            || label.equals("format")
            || label.startsWith("look-alike"))
        && r.nextBoolean()) {
      example = FbGen.word(r) + example + FbGen.word(r);
    }
    return new HostileInput(
        label,
        "a " + label.replace('-', ' ') + " name, refused before any file-system call",
        example.getBytes(StandardCharsets.UTF_8),
        NAME_TARGET,
        InvalidNameException.class);
  }

  static HostileInput promptsJson(Rng r) {
    String kind = PROMPT_KINDS.get(r.nextInt(PROMPT_KINDS.size()));
    String description;
    byte[] bytes;
    switch (kind) {
      case "truncated":
        {
          byte[] whole = valid(r);
          bytes = Arrays.copyOf(whole, r.nextInt(whole.length));
          description = "a valid file cut after " + bytes.length + " of " + whole.length + " bytes";
          break;
        }
      case "duplicate-key":
        {
          String key = r.nextBoolean() ? "girl_pos" : FbGen.text(r, 6).replace("\"", "");
          String json =
              r.nextBoolean()
                  ? "{\"version\": 2, \"prompts\": {\"" + escape(key) + "\": \"a\", \""
                      + escape(key) + "\": \"b\"}}"
                  : "{\"version\": 2, \"prompts\": {}, \"version\": 2}";
          bytes = utf8(json);
          description = "an object with the same key twice";
          break;
        }
      case "wrong-version":
        {
          String v = r.pick(List.of("\"2\"", "2.0", "true", "3", "0", "-1", "[2]", "{}"));
          bytes = utf8("{\"version\": " + v + ", \"prompts\": {\"a\": \"b\"}}");
          description = "an unsupported version: " + v;
          break;
        }
      case "wrong-prompts-type":
        {
          String v = r.pick(List.of("5", "\"text\"", "true", "1.5"));
          String field = r.nextBoolean() ? "prompts" : "compositions";
          bytes = utf8("{\"version\": 2, \"" + field + "\": " + v + "}");
          description = field + " is neither an object, an array nor null: " + v;
          break;
        }
      case "wrong-entry-type":
        {
          String v = r.pick(List.of("5", "true", "[\"a\"]", "1.5"));
          bytes = utf8("{\"version\": 2, \"prompts\": {\"girl_pos\": " + v + "}}");
          description = "a prompt entry that is neither a string nor an object: " + v;
          break;
        }
      case "array-entry-without-key":
        {
          String item = r.pick(List.of("{\"value\": \"a\"}", "{\"key\": 5, \"value\": \"a\"}"));
          bytes = utf8("{\"version\": 2, \"prompts\": [" + item + "]}");
          description = "a prompts array item without a string key: " + item;
          break;
        }
      case "deep-nesting":
        {
          int depth = r.between(40, 3000);
          bytes =
              utf8(
                  "{\"version\": 2, \"prompts\": {}, \"scene_flags\": {\"x\": "
                      + "[".repeat(depth)
                      + "]".repeat(depth)
                      + "}}");
          description = depth + " nested arrays, deeper than the parser's limit";
          break;
        }
      case "not-an-object":
        {
          String v = r.pick(List.of("[]", "[{\"version\": 2}]", "\"prompts\"", "2", "null", "true"));
          bytes = utf8(v);
          description = "a top level that is not an object: " + v;
          break;
        }
      case "invalid-utf8":
        {
          byte[] bad =
              r.pick(
                  List.of(
                      new byte[] {(byte) 0xff},
                      new byte[] {(byte) 0xc0, (byte) 0xaf},
                      new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80},
                      new byte[] {(byte) 0xe4, (byte) 0xb8}));
          ByteArrayOutputStream out = new ByteArrayOutputStream();
          out.writeBytes(utf8("{\"version\": 2, \"prompts\": {\"a\": \"x"));
          out.writeBytes(bad);
          out.writeBytes(utf8("y\"}}"));
          bytes = out.toByteArray();
          description = "a string holding bytes that are not UTF-8";
          break;
        }
      case "trailing-data":
        {
          String tail = r.pick(List.of("x", "{}", "\n}", "[]", ",", "\"\""));
          bytes = concat(valid(r), utf8(tail));
          description = "a valid file followed by " + tail.strip();
          break;
        }
      case "nan":
        {
          String v = r.pick(List.of("NaN", "Infinity", "-Infinity"));
          bytes =
              utf8("{\"version\": 2, \"prompts\": {}, \"scene_flags\": {\"weight\": " + v + "}}");
          description = "the non-JSON number " + v + " (Python's json.dumps writes it)";
          break;
        }
      case "lone-surrogate":
        {
          String v = r.pick(List.of("\\ud800", "\\udfff", "a\\ud83d"));
          bytes = utf8("{\"version\": 2, \"prompts\": {\"a\": \"" + v + "\"}}");
          description = "an unpaired surrogate escape " + v;
          break;
        }
      case "comment":
        {
          bytes = utf8("{\"version\": 2, // note\n \"prompts\": {}}");
          description = "a comment";
          break;
        }
      default:
        {
          String v = r.pick(List.of("", " ", "\n", "\ufeff"));
          bytes = utf8(v);
          description = "no JSON value at all";
          break;
        }
    }
    return new HostileInput(kind, description, bytes, PROMPTS_TARGET, FormatException.class);
  }

  private static byte[] valid(Rng r) {
    return utf8(FbGen.of(r.nextLong()).promptsJson(r.between(0, 6)));
  }

  private static String escape(String s) {
    return s.replace("\\", "\\\\");
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
