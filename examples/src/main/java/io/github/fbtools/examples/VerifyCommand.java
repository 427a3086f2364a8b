package io.github.fbtools.examples;

import io.github.fbtools.core.json.FbJson;
import io.github.fbtools.migration.PromptMigrator;
import io.github.fbtools.migration.VerificationResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code fbtools verify PATH}: checks every scene under PATH after a migration ({@link
 * PromptMigrator#verifyTree}): a readable version 2 file whose {@code v1_backup} matches {@code
 * prompts.json.v1.backup}.
 */
final class VerifyCommand extends SpecCommand {
  private static final String NAME = "fbtools verify";

  private static final CommandSpec SPEC =
      new CommandSpec(
          "verify",
          List.of("verify PATH [--json]"),
          "Check migrated scenes: version 2, backups consistent",
          "Usage: fbtools verify PATH [--json]\n\n"
              + "Checks every scene under PATH (found as 'fbtools migrate' finds them): ok when\n"
              + "prompts.json is a readable version 2 file and, if it carries v1_backup,\n"
              + "prompts.json.v1.backup holds the same JSON; warning when nothing is lost but a backup\n"
              + "file or v1_backup is missing, or prompts are named after version 2 fields (which the\n"
              + "Python extension's scene loader confuses with them); failed when the file is missing,\n"
              + "unreadable or still\n"
              + "version 1, or the backups disagree. Reads only.\n\n"
              + "Options:\n"
              + "  --json      print {\"root\", \"total\","
              + " \"counts\": {\"ok\", \"warning\", \"failed\"},\n"
              + "              \"results\": [{\"path\", \"status\", \"problems\"}]}\n"
              + "  -h, --help  show this help\n\n"
              + "Exit codes: 0 no scene failed (warnings allowed); 1 some scene failed; 2 bad\n"
              + "arguments or PATH is not a folder.\n",
          Set.of("--json"),
          Set.of());

  VerifyCommand() {
    super(SPEC);
  }

  @Override
  public int run(Args args, Io io) throws Exception {
    List<String> p = args.expect("PATH");
    Path root = Scenes.root(NAME, p.get(0));
    List<VerificationResult> results = PromptMigrator.create().verifyTree(root);
    Map<VerificationResult.Status, Integer> counts = new EnumMap<>(VerificationResult.Status.class);
    for (VerificationResult.Status s : VerificationResult.Status.values()) {
      counts.put(s, 0);
    }
    for (VerificationResult r : results) {
      counts.merge(r.status(), 1, Integer::sum);
    }
    if (args.flag("--json")) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("root", root.toRealPath().toString());
      doc.put("total", (long) results.size());
      Map<String, Object> c = new LinkedHashMap<>();
      counts.forEach((s, n) -> c.put(name(s), (long) n));
      doc.put("counts", c);
      List<Object> items = new ArrayList<>();
      for (VerificationResult r : results) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("path", r.path());
        item.put("status", name(r.status()));
        item.put("problems", r.problems());
        items.add(item);
      }
      doc.put("results", items);
      io.out().print(FbJson.write(doc));
    } else {
      io.out().println("Verified " + root.toRealPath());
      List<List<String>> rows = new ArrayList<>();
      if (!results.isEmpty()) {
        rows.add(List.of("FILE", "STATUS", "PROBLEMS"));
      }
      for (VerificationResult r : results) {
        rows.add(List.of(r.path(), name(r.status()),
            Text.oneLine(String.join("; ", r.problems()))));
      }
      Text.table("  ", rows).forEach(io.out()::println);
      if (results.isEmpty()) {
        io.out().println(
            "  no prompts.json found: scene folders are looked for in "
                + root.toRealPath()
                + " and up to "
                + PromptMigrator.DEFAULT_MAX_DEPTH
                + " folders below it (jobs/ and hidden folders are skipped)");
      }
      List<String> parts = new ArrayList<>();
      counts.forEach((s, n) -> parts.add(n + " " + name(s)));
      io.out().println(Text.count(results.size(), "scene") + ": " + String.join(", ", parts));
    }
    return counts.get(VerificationResult.Status.FAILED) > 0
        ? Fbtools.EXIT_FAILED
        : Fbtools.EXIT_OK;
  }

  private static String name(VerificationResult.Status s) {
    return s.name().toLowerCase(Locale.ROOT);
  }
}
