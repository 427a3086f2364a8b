package io.github.fbtools.core.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link FbJson#locate} and {@link FbJson#withLocation}: the line and column of a JSON pointer in
 * a document, found by parsing it again (only when an error is reported).
 *
 * <p>Stateless and thread-safe.
 */
final class Locations {
  private Locations() {}

  /**
   * Finds where the value at a JSON pointer starts in a document, for error messages.
   *
   * @param text a document that parses
   * @param pointer an RFC 6901 pointer such as {@code /prompts/a/value}; {@code ""} is the root
   * @return {@code {line, column}} (1-based), or {@code {0, 0}} if the pointer is not found
   */
  static int[] locate(String text, String pointer) {
    List<String> segs = new ArrayList<>();
    if (!pointer.isEmpty()) {
      for (String s : pointer.substring(1).split("/", -1)) {
        segs.add(s.replace("~1", "/").replace("~0", "~"));
      }
    }
    try (JsonParser p = Parsing.factory(FbJson.Limits.DEFAULT).createParser(text)) {
      JsonToken t = p.nextToken();
      for (String seg : segs) {
        if (t == JsonToken.START_OBJECT) {
          boolean found = false;
          while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            t = p.nextToken();
            if (name.equals(seg)) {
              found = true;
              break;
            }
            p.skipChildren();
          }
          if (!found) {
            return new int[] {0, 0};
          }
        } else if (t == JsonToken.START_ARRAY) {
          int index;
          try {
            index = Integer.parseInt(seg);
          } catch (NumberFormatException e) {
            return new int[] {0, 0};
          }
          t = p.nextToken();
          for (int i = 0; i < index && t != JsonToken.END_ARRAY && t != null; i++) {
            p.skipChildren();
            t = p.nextToken();
          }
          if (t == JsonToken.END_ARRAY || t == null) {
            return new int[] {0, 0};
          }
        } else {
          return new int[] {0, 0};
        }
      }
      JsonLocation loc = p.currentTokenLocation();
      return new int[] {loc.getLineNr(), loc.getColumnNr()};
    } catch (IOException | RuntimeException e) {
      return new int[] {0, 0};
    }
  }

  /**
   * Re-throws a {@link FormatException} about a value of {@code text} with the line and column of
   * its JSON pointer filled in.
   *
   * @param text the document the exception is about
   * @param e an exception whose path names a value of the document
   * @return the exception with a location (that of the nearest enclosing value found, when the
   *     path names a missing field), or {@code e} if it already has one or none can be found
   */
  static FormatException withLocation(String text, FormatException e) {
    if (e.line() > 0 || e.path().isEmpty()) {
      return e;
    }
    // A missing field is reported at its parent: walk up until a value is found.
    String pointer = e.path().get();
    while (true) {
      int[] lc = locate(text, pointer);
      if (lc[0] > 0) {
        return e.atLocation(lc[0], lc[1]);
      }
      if (pointer.isEmpty()) {
        return e;
      }
      pointer = pointer.substring(0, pointer.lastIndexOf('/'));
    }
  }
}
