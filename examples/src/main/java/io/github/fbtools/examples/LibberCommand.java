package io.github.fbtools.examples;

import io.github.fbtools.core.ExpansionLimits;
import io.github.fbtools.core.json.FormatException;
import io.github.fbtools.core.Libber;
import io.github.fbtools.core.LibberAnalysis;
import io.github.fbtools.core.LibberExpansionException;
import io.github.fbtools.core.files.FileKind;
import io.github.fbtools.core.json.FbJson;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code fbtools libber apply FILE TEXT} substitutes a Libber file's {@code %key%} references in
 * a text; {@code fbtools libber check FILE} reports what {@link Libber#analyze()} finds (cycles,
 * references to undefined keys, keys that can never match).
 */
final class LibberCommand extends SpecCommand {
  private static final String NAME = "fbtools libber";

  private static final CommandSpec SPEC =
      new CommandSpec(
          "libber",
          List.of("libber apply FILE TEXT [--json]", "libber check FILE [--json]"),
          "Substitute %key% references; check a libber file",
          "Usage: fbtools libber apply FILE TEXT [--json]\n"
              + "       fbtools libber check FILE [--json]\n\n"
              + "FILE is a libber file as the fbTools extension writes it (libbers/<name>.json:\n"
              + "{\"libs\": {...}, \"delimiter\": \"%\", \"max_depth\": 10};"
              + " \"lib_dict\" is read too).\n\n"
              + "apply   prints TEXT with every %key% reference substituted, recursively, exactly as\n"
              + "        the Python reference does (unknown keys stay as written).\n"
              + "check   lists cycles (which substitution silently leaves as literal references),\n"
              + "        references to undefined keys, keys no reference can match (upper case,\n"
              + "        spaces, dashes, non-ASCII), and keys whose expansion is over the limits that\n"
              + "        apply enforces (16,777,216 chars, 1,000,000 steps).\n\n"
              + "FILE must hold \"libs\" or \"lib_dict\" (a prompts.json is not a libber file), and its\n"
              + "delimiter must not be empty. A TEXT that starts with '-' goes after '--', which ends\n"
              + "the options: fbtools libber apply FILE -- '-%key%'.\n\n"
              + "Options:\n"
              + "  --json     print one JSON document: apply {\"file\", \"text\", \"result\"};\n"
              + "             check {\"file\", \"keys\", \"clean\", \"cycles\","
              + " \"undefined_references\",\n"
              + "             \"unmatchable_keys\", \"over_limits\"}\n"
              + "  -h, --help show this help\n\n"
              + "Exit codes: 0 done (check: no problem found); 1 check found problems, or apply\n"
              + "exceeded the expansion limits; 2 bad arguments, missing or corrupt FILE, a FILE\n"
              + "that is not a libber file or has an empty delimiter.\n",
          Set.of("--json"),
          Set.of());

  LibberCommand() {
    super(SPEC);
  }

  @Override
  public int run(Args args, Io io) throws UsageException {
    List<String> p = args.positionals();
    if (p.isEmpty()) {
      throw new UsageException(NAME + ": missing apply or check");
    }
    switch (p.get(0)) {
      case "apply":
        return apply(args, io);
      case "check":
        return check(args, io);
      default:
        throw new UsageException(
            NAME + ": unknown action " + Text.quoted(p.get(0)) + ", expected apply or check");
    }
  }

  private static Libber load(String command, String arg) throws UsageException {
    Path file = Inputs.existingFile(command, "libber file", arg);
    String text = Inputs.readText(command, file);
    try {
      Map<String, Object> doc = FbJson.parseObject(text, FileKind.LIBBER.limits());
      if (!doc.containsKey("libs") && !doc.containsKey("lib_dict")) {
        throw new UsageException(
            command
                + ": "
                + file
                + " is not a libber file: it has neither \"libs\" nor \"lib_dict\""
                + (doc.isEmpty() ? "" : " (its fields: " + String.join(", ", doc.keySet()) + ")"));
      }
      return Libber.fromJson(text);
    } catch (FormatException e) {
      throw new UsageException(command + ": " + e.inFile(file).getMessage(), e);
    }
  }

  private static int apply(Args args, Io io) throws UsageException {
    String command = NAME + " apply";
    List<String> p = args.positionals().subList(1, args.positionals().size());
    Args.expectCount(command, p, "FILE", "TEXT");
    Libber libber = load(command, p.get(0));
    String text = p.get(1);
    String result;
    try {
      result = libber.substitute(text);
    } catch (LibberExpansionException e) {
      io.err().println(command + ": " + Text.oneLine(e.getMessage()));
      return Fbtools.EXIT_FAILED;
    }
    if (args.flag("--json")) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("file", p.get(0));
      doc.put("text", text);
      doc.put("result", result);
      io.out().print(FbJson.write(doc));
    } else {
      io.out().println(result);
    }
    return Fbtools.EXIT_OK;
  }

  private static int check(Args args, Io io) throws UsageException {
    String command = NAME + " check";
    List<String> p = args.positionals().subList(1, args.positionals().size());
    Args.expectCount(command, p, "FILE");
    Libber libber = load(command, p.get(0));
    LibberAnalysis a = libber.analyze();
    Map<String, String> over = libber.keysOverLimits(ExpansionLimits.DEFAULT);
    boolean clean = a.isClean() && over.isEmpty();
    if (args.flag("--json")) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("file", p.get(0));
      doc.put("keys", (long) libber.keys().size());
      doc.put("clean", clean);
      doc.put("cycles", a.cycles());
      doc.put("undefined_references", a.undefinedReferences());
      doc.put("unmatchable_keys", a.unmatchableKeys());
      doc.put("over_limits", over);
      io.out().print(FbJson.write(doc));
    } else {
      io.out().println(describe(p.get(0), libber, a, over));
    }
    return clean ? Fbtools.EXIT_OK : Fbtools.EXIT_FAILED;
  }

  static String describe(String file, Libber libber, LibberAnalysis a, Map<String, String> over) {
    List<String> lines = new ArrayList<>();
    int problems =
        a.cycles().size()
            + a.undefinedReferences().size()
            + a.unmatchableKeys().size()
            + over.size();
    lines.add(
        file
            + ": "
            + Text.count(libber.keys().size(), "key")
            + ", "
            + (problems == 0 ? "no problems" : Text.count(problems, "problem")));
    for (List<String> cycle : a.cycles()) {
      lines.add("  cycle: " + String.join(" -> ", cycle)
          + " (left as a literal reference at the depth limit)");
    }
    a.undefinedReferences()
        .forEach(
            (key, names) ->
                lines.add(
                    "  undefined: "
                        + key
                        + " references "
                        + String.join(", ", names)
                        + " (left as written)"));
    for (String key : a.unmatchableKeys()) {
      lines.add("  unmatchable key: " + Text.quoted(key)
          + " (only [a-z0-9_] keys can be referenced)");
    }
    over.forEach(
        (key, why) ->
            lines.add(
                "  over the limits: " + key + " (apply refuses it: " + Text.oneLine(why) + ")"));
    return String.join("\n", lines);
  }
}
