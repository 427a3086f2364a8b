package io.github.fbtools.migration;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Seeded version 1 {@code prompts.json} files as users have them: written by the Python fbTools
 * ({@code indent=4}, ASCII escapes or raw UTF-8) or by hand (2 spaces, one line, a byte-order
 * mark, CRLF line ends), with the five legacy keys, empty strings, non-string values and odd keys
 * ({@code prompts} and {@code compositions} as strings, {@code version: 1}, the empty key,
 * non-ASCII keys).
 */
final class V1Files {
  static final List<String> LEGACY =
      List.of("girl_pos", "male_pos", "four_image_prompt", "wan_prompt", "wan_low_prompt");

  private static final String[] WORDS = {
    "a woman", "smiling", "soft light", "oil painting", "caf\u00e9", "\u65e5\u672c\u8a9e",
    "\ud83d\ude00", "\u05e9\u05dc\u05d5\u05dd", "quote \" and \\ backslash", "tab\there",
    "line\nbreak", "%style%", "%light% and %mood%", "  ", "e\u0301", "<lora:x:0.8>"
  };

  private V1Files() {}

  /** A random version 1 object of about {@code size} bytes once written. */
  static Map<String, Object> object(SplittableRandom r, int size) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (String k : LEGACY) {
      if (r.nextInt(5) > 0) {
        m.put(k, r.nextInt(6) == 0 ? "" : text(r, 10 + r.nextInt(200)));
      }
    }
    int extras = r.nextInt(6);
    for (int i = 0; i < extras; i++) {
      switch (r.nextInt(12)) {
        case 0:
          m.put("prompts", "a key named prompts");
          break;
        case 1:
          m.put("compositions", r.nextBoolean() ? "text" : null);
          break;
        case 2:
          m.put("version", r.nextBoolean() ? 1L : null);
          break;
        case 3:
          m.put("", "the empty key");
          break;
        case 4:
          m.put("n" + i, (long) r.nextInt(1000) - 500);
          break;
        case 5:
          m.put("b" + i, r.nextBoolean());
          break;
        case 6:
          m.put("x" + i, null);
          break;
        case 7:
          m.put("list" + i, List.of("a", 1L, Map.of("k", "v")));
          break;
        case 8:
          m.put("obj" + i, Map.of("nested", List.of()));
          break;
        case 9:
          m.put("d" + i, 0.5 + r.nextInt(10));
          break;
        case 10:
          m.put("cl\u00e9_" + i, text(r, 20));
          break;
        default:
          m.put("extra_" + i, text(r, 5 + r.nextInt(50)));
          break;
      }
    }
    int pad = 0;
    while (approximateSize(m) < size) {
      m.put("pad_" + pad++, text(r, Math.min(2000, size - approximateSize(m) + 10)));
    }
    return m;
  }

  private static int approximateSize(Map<String, Object> m) {
    return io.github.fbtools.core.json.FbJson.writeCompact(m).getBytes(StandardCharsets.UTF_8).length;
  }

  static String text(SplittableRandom r, int length) {
    StringBuilder sb = new StringBuilder();
    while (sb.length() < length) {
      if (sb.length() > 0) {
        sb.append(' ');
      }
      sb.append(WORDS[r.nextInt(WORDS.length)]);
    }
    return sb.toString();
  }

  /** The object written in one of the styles users' files have. */
  static byte[] bytes(SplittableRandom r, Map<String, Object> m) {
    String text;
    switch (r.nextInt(6)) {
      case 0:
        text = python(m, "    ", true) + (r.nextBoolean() ? "" : "\n");
        break;
      case 1:
        text = python(m, "    ", false);
        break;
      case 2:
        text = io.github.fbtools.core.json.FbJson.write(m);
        break;
      case 3:
        text = io.github.fbtools.core.json.FbJson.writeCompact(m);
        break;
      case 4:
        text = python(m, "  ", false).replace("\n", "\r\n") + "\r\n";
        break;
      default:
        text = "\ufeff" + python(m, "\t", true);
        break;
    }
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** A flat object as Python's {@code json.dumps(indent=..., ensure_ascii=...)} writes it. */
  static String python(Map<String, Object> m, String indent, boolean ascii) {
    if (m.isEmpty()) {
      return "{}";
    }
    List<String> lines = new ArrayList<>();
    for (Map.Entry<String, Object> e : m.entrySet()) {
      lines.add(indent + string(e.getKey(), ascii) + ": " + value(e.getValue(), ascii));
    }
    return "{\n" + String.join(",\n", lines) + "\n}";
  }

  private static String value(Object v, boolean ascii) {
    if (v instanceof String) {
      return string((String) v, ascii);
    }
    String compact = io.github.fbtools.core.json.FbJson.writeCompact(v);
    return ascii ? escapeNonAscii(compact) : compact;
  }

  private static String string(String s, boolean ascii) {
    String q = io.github.fbtools.core.json.FbJson.writeCompact(s);
    return ascii ? escapeNonAscii(q) : q;
  }

  private static String escapeNonAscii(String s) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        sb.append(c);
      } else {
        sb.append(String.format("\\u%04x", (int) c));
      }
    }
    return sb.toString();
  }
}
