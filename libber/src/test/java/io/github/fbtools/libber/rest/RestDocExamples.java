package io.github.fbtools.libber.rest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code http} examples of {@code docs/rest.md}, in order. Each block is a request line,
 * header lines, a blank line, the body (POST) and a blank line, then the status and the answer:
 *
 * <pre>
 * POST /fbtools/prompts/create
 * Content-Type: application/json
 *
 * {}
 *
 * 200
 * {"success": true, ...}
 * </pre>
 */
final class RestDocExamples {
  static final Path DOC = Path.of("..", "docs", "rest.md");

  /** One example. */
  record Example(
      String method, String target, Map<String, String> headers, String body, int status,
      String answer) {
    String path() {
      int q = target.indexOf('?');
      return q < 0 ? target : target.substring(0, q);
    }

    String title() {
      return method + " " + target;
    }
  }

  private RestDocExamples() {}

  static List<Example> all() throws IOException {
    List<String> lines = Files.readAllLines(DOC, StandardCharsets.UTF_8);
    List<Example> out = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (!lines.get(i).equals("```http")) {
        continue;
      }
      List<String> block = new ArrayList<>();
      for (i++; !lines.get(i).equals("```"); i++) {
        block.add(lines.get(i));
      }
      String[] requestLine = block.get(0).split(" ", 2);
      int at = 1;
      Map<String, String> headers = new LinkedHashMap<>();
      while (!block.get(at).isEmpty()) {
        String h = block.get(at++);
        int colon = h.indexOf(':');
        headers.put(h.substring(0, colon).trim(), h.substring(colon + 1).trim());
      }
      at++; // the blank line after the head
      String body = "";
      if (!block.get(at).matches("[0-9]{3}")) {
        int blank = block.subList(at, block.size()).indexOf("") + at;
        body = String.join("\n", block.subList(at, blank));
        at = blank + 1;
      }
      int status = Integer.parseInt(block.get(at));
      String answer = String.join("\n", block.subList(at + 1, block.size()));
      out.add(new Example(requestLine[0], requestLine[1], headers, body, status, answer));
    }
    return out;
  }
}
