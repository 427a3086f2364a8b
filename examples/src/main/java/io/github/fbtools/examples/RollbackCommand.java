package io.github.fbtools.examples;

import io.github.fbtools.core.files.PromptFiles;
import io.github.fbtools.core.json.FbJson;
import io.github.fbtools.migration.PromptMigrator;
import io.github.fbtools.migration.RollbackResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code fbtools rollback PATH}: puts the original version 1 bytes back in every scene under PATH
 * that has a {@code prompts.json.v1.backup} ({@link PromptMigrator#rollback}); the version 2 file
 * is kept as {@code prompts.json.v2.rollback}.
 */
final class RollbackCommand extends SpecCommand {
  private static final String NAME = "fbtools rollback";

  private static final CommandSpec SPEC =
      new CommandSpec(
          "rollback",
          List.of("rollback PATH [--dry-run] [--json]"),
          "Restore the version 1 prompts.json of migrated scenes",
          "Usage: fbtools rollback PATH [--dry-run] [--json]\n\n"
              + "For every scene under PATH (found as 'fbtools migrate' finds them) that has a\n"
              + "prompts.json.v1.backup, puts the original version 1 bytes back into prompts.json and\n"
              + "keeps the version 2 file it replaces as " + PromptMigrator.ROLLBACK_NAME + ". The\n"
              + "backup stays, so migrating again reuses it. Scenes without a backup are skipped.\n\n"
              + "Options:\n"
              + "  --dry-run   report what would happen; write nothing\n"
              + "  --json      print {\"root\", \"dry_run\", \"results\": [{\"path\", \"outcome\",\n"
              + "              \"reason\", \"set_aside\"}], \"skipped\": [paths without a backup]}\n"
              + "  -h, --help  show this help\n\n"
              + "Exit codes: 0 every scene with a backup was rolled back (or already was); 1 some\n"
              + "rollback failed (that file is unchanged); 2 bad arguments or PATH is not a folder.\n",
          Set.of("--dry-run", "--json"),
          Set.of());

  RollbackCommand() {
    super(SPEC);
  }

  @Override
  public int run(Args args, Io io) throws Exception {
    List<String> p = args.expect("PATH");
    Path root = Scenes.root(NAME, p.get(0)).toRealPath();
    boolean dryRun = args.flag("--dry-run");
    PromptMigrator migrator = PromptMigrator.builder().dryRun(dryRun).build();
    List<RollbackResult> results = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    for (Path scene : migrator.scenes(root)) {
      if (Files.exists(PromptFiles.backupFile(scene), LinkOption.NOFOLLOW_LINKS)) {
        results.add(migrator.rollback(scene));
      } else {
        skipped.add(relative(root, PromptFiles.file(scene)));
      }
    }
    boolean failed = results.stream().anyMatch(r -> r.outcome() == RollbackResult.Outcome.FAILED);
    if (args.flag("--json")) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("root", root.toString());
      doc.put("dry_run", dryRun);
      List<Object> items = new ArrayList<>();
      for (RollbackResult r : results) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("path", relative(root, r.file()));
        item.put("outcome", r.outcome().jsonName());
        item.put("reason", r.reason());
        item.put("set_aside", r.setAside() == null ? null : relative(root, r.setAside()));
        items.add(item);
      }
      doc.put("results", items);
      doc.put("skipped", skipped);
      io.out().print(FbJson.write(doc));
    } else {
      io.out().println((dryRun ? "Dry run (nothing written) in " : "Rolled back in ") + root);
      List<List<String>> rows = new ArrayList<>();
      if (!results.isEmpty() || !skipped.isEmpty()) {
        rows.add(List.of("FILE", "OUTCOME", "KEPT AS / REASON"));
      }
      for (RollbackResult r : results) {
        String note = r.setAside() != null
            ? String.valueOf(r.setAside().getFileName())
            : Text.oneLine(String.valueOf(r.reason()));
        rows.add(List.of(relative(root, r.file()), r.outcome().jsonName(), note));
      }
      for (String s : skipped) {
        rows.add(List.of(s, "skipped", "no " + PromptFiles.V1_BACKUP_NAME));
      }
      Text.table("  ", rows).forEach(io.out()::println);
      io.out().println(Text.count(results.size(), "scene") + " with a backup, "
          + skipped.size() + " skipped");
    }
    return failed ? Fbtools.EXIT_FAILED : Fbtools.EXIT_OK;
  }

  private static String relative(Path root, Path file) {
    List<String> parts = new ArrayList<>();
    root.relativize(file.toAbsolutePath()).forEach(e -> parts.add(e.toString()));
    return String.join("/", parts);
  }
}
