package io.github.fbtools.libber.rest;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The hostile-name corpus of RELIABILITY.md §4 (P1): the hand-written names, traversal encodings
 * from the public corpora (SecLists LFI-Jhaddix, fuzzdb traversals, big-list-of-naughty-strings)
 * combined with targets, control and look-alike characters, Windows device names, and overlong
 * names. Every entry must be refused by {@code SafeNames} for the story, scene and libber kinds.
 */
final class HostileNames {
  private HostileNames() {}

  static List<String> all() {
    Set<String> names = new LinkedHashSet<>();
    names.addAll(
        List.of(
            "..", "../x", "..\\x", "/x", "\\x", "C:x", "C:\\x", "\\\\server\\share", "x/../..",
            "%2e%2e%2f", "%252e%252e%252f", "..%c0%af", "\uff0e\uff0e\uff0fx", "x\u0000.png",
            "CON", "con.png", "COM1", "LPT9.txt", "CONIN$", "conout$", "nul", "Aux.json",
            "prn.txt", "name.", "name ", ".", "", " ", "  x", "-leading", "_leading",
            ".hidden", "x".repeat(65), "z".repeat(129), "y".repeat(300), ":", "*", "?", "\"", "<", ">", "|",
            "a:b", "a*b", "a?b", "a\"b", "a<b", "a>b", "a|b", "\u202eevil", "a\u202eb",
            "a\u2215b", "\u2215etc", "a\uff0fb", "/etc/passwd", "../../../../etc/passwd",
            "..\\..\\..\\windows\\win.ini", "....//", "....//....//etc", "..;/", "..%00/",
            "%00", "x%00", "%2e%2e/", "%2e%2e%5c", "..%255c", "..%5c..%5c", ".%2e/",
            "%c0%ae%c0%ae/", "%uff0e%uff0e/", "..%u2215", "file:///etc/passwd",
            "http://evil/x", "\\\\?\\C:\\x", "\\\\.\\pipe\\x", "~/x", "~root", "$HOME",
            "${jndi:ldap://x}", "`rm -rf`", "$(id)", "a;b", "a&b", "a\tb", "a\nb", "a\rb",
            "\r\nSet-Cookie: x", "a\u0085b", "a\u00a0", "\u00a0a", "a\u200bb", "\ufeffa",
            "a\ud800", "\udc00", "a/b", "a\\b", "a/", "/a", "a..b", "..a", "a..", "a .",
            "a. ", "COM\u00b9", "lpt\u00b2.txt", "clock$", "x\u0001", "x\u001f", "x\u007f"));
    for (int c = 1; c < 0x20; c++) {
      names.add("a" + (char) c + "b");
    }
    String[] traversals = {
      "../", "..\\", "..%2f", "..%5c", "%2e%2e%2f", "%2e%2e/", "..%252f", "%252e%252e%252f",
      "..%c0%af", "..%c1%9c", "%c0%ae%c0%ae%c0%af", "..././", "...\\.\\", "..//", "..\\\\",
      "\uff0e\uff0e\uff0f", "\uff0e\uff0e\\", "..\u2215", "..\uff0f", ".%00./"
    };
    String[] targets = {"", "etc/passwd", "windows/win.ini", "x.json", "scenes", "libbers/x"};
    for (String tr : traversals) {
      for (String target : targets) {
        names.add(tr + target);
        names.add(tr + tr + target);
        names.add("x/" + tr + target);
      }
    }
    List<String> out = new ArrayList<>(names);
    if (out.size() < 300) {
      throw new IllegalStateException("corpus too small: " + out.size());
    }
    return out;
  }
}
