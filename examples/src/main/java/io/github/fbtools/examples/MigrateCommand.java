package io.github.fbtools.examples;

import io.github.fbtools.core.files.PromptFiles;
import io.github.fbtools.migration.MigrationListener;
import io.github.fbtools.migration.MigrationReport;
import io.github.fbtools.migration.MigrationResult;
import io.github.fbtools.migration.PromptMigrator;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code fbtools migrate PATH}: the non-destructive upgrade of every version 1 {@code
 * prompts.json} under PATH to version 2 ({@link PromptMigrator#migrateTree}), with a progress bar
 * on a terminal, and the report as a table or JSON.
 */
final class MigrateCommand extends SpecCommand {
  private static final String NAME = "fbtools migrate";

  private static final CommandSpec SPEC =
      new CommandSpec(
          "migrate",
          List.of("migrate PATH [--dry-run] [--json] [--jobs N]"),
          "Upgrade v1 prompts.json files to v2, keeping a backup of each",
          "Usage: fbtools migrate PATH [--dry-run] [--json] [--jobs N]\n\n"
              + "Upgrades every version 1 prompts.json under PATH (a scenes folder, a story folder or\n"
              + "one scene; scene folders are found up to 3 levels down, jobs/ and hidden folders are\n"
              + "skipped) to version 2, non-destructively: prompts.json.v1.backup is first written\n"
              + "with the original bytes (never overwritten), then prompts.json is replaced atomically\n"
              + "by version 2 carrying the original object as v1_backup. Version 2 files are left\n"
              + "alone; a corrupt file is reported and left untouched. Running it again changes\n"
              + "nothing. Undo one scene with 'fbtools rollback'. A scene with prompts named after\n"
              + "version 2 fields (version, prompts, compositions, v1_backup, scene_flags) is migrated\n"
              + "with a warning: the Python extension's scene loader confuses them with those fields.\n\n"
              + "Scenes are migrated several at a time (--jobs), each with the same steps and\n"
              + "guarantees as alone; the report and the progress keep the order of the files.\n\n"
              + "Progress: a bar on a terminal, one line per file otherwise (on stderr with --json).\n\n"
              + "Options:\n"
              + "  --dry-run   report what would happen; write nothing\n"
              + "  --jobs N    migrate up to N scenes at a time, 1..64 (default: four times the\n"
              + "              processors, 4 to 16); 1 migrates one after the other\n"
              + "  --json      print only the report, as one JSON document {\"root\", \"dry_run\",\n"
              + "              \"duration_ms\", \"total\", \"counts\", \"results\": [{\"path\",\n"
              + "              \"outcome\", \"reason\", \"backup\", \"backup_created\",\n"
              + "              \"warnings\"}]}\n"
              + "  -h, --help  show this help\n\n"
              + "Exit codes: 0 every file is fine (migrated, already version 2 or missing); 1 some\n"
              + "file failed (it is left as it was); 2 bad arguments or PATH is not a folder.\n",
          Set.of("--dry-run", "--json"),
          Set.of("--jobs"));

  MigrateCommand() {
    super(SPEC);
  }

  @Override
  public int run(Args args, Io io) throws Exception {
    List<String> p = args.expect("PATH");
    java.nio.file.Path root = Scenes.root(NAME, p.get(0));
    boolean json = args.flag("--json");
    PrintStream progressStream = json ? io.err() : io.out();
    ProgressListener listener = new ProgressListener(progressStream, io.env().terminal());
    int jobs =
        (int) args.longOption("--jobs", PromptMigrator.defaultJobs(), 1, PromptMigrator.MAX_JOBS);
    PromptMigrator migrator =
        PromptMigrator.builder()
            .dryRun(args.flag("--dry-run"))
            .jobs(jobs)
            .listener(listener)
            .build();
    MigrationReport report = migrator.migrateTree(root);
    listener.done();
    if (json) {
      io.out().print(report.toJson());
    } else {
      lines(report, true).forEach(io.out()::println);
    }
    return report.hasFailures() ? Fbtools.EXIT_FAILED : Fbtools.EXIT_OK;
  }

  /** The report as a table and a summary line (with the time taken if {@code withDuration}). */
  static List<String> lines(MigrationReport report, boolean withDuration) {
    List<String> lines = new ArrayList<>();
    lines.add(
        (report.dryRun() ? "Dry run (nothing written) in " : "Migrated ") + report.root());
    List<List<String>> rows = new ArrayList<>();
    if (!report.results().isEmpty()) {
      rows.add(List.of("FILE", "OUTCOME", "BACKUP / REASON"));
    }
    for (MigrationResult r : report.results()) {
      String note;
      if (r.failed() || r.outcome() == MigrationResult.Outcome.WOULD_MIGRATE) {
        note = Text.oneLine(String.valueOf(r.reason()));
      } else if (r.backup() != null) {
        note = PromptFiles.V1_BACKUP_NAME + (r.backupCreated() ? " (created)" : " (kept)");
      } else {
        note = r.reason() == null ? "" : Text.oneLine(r.reason());
      }
      for (String w : r.warnings()) {
        note = (note.isEmpty() ? "" : note + "; ") + "warning: " + Text.oneLine(w);
      }
      rows.add(List.of(r.path(), r.outcome().jsonName(), note));
    }
    lines.addAll(Text.table("  ", rows));
    if (report.total() == 0) {
      lines.add(
          "  no prompts.json found: scene folders are looked for in "
              + report.root()
              + " and up to "
              + PromptMigrator.DEFAULT_MAX_DEPTH
              + " folders below it (jobs/ and hidden folders are skipped)");
    }
    List<String> counts = new ArrayList<>();
    report
        .counts()
        .forEach(
            (o, n) -> {
              if (n > 0 || o == MigrationResult.Outcome.FAILED) {
                counts.add(n + " " + o.jsonName());
              }
            });
    lines.add(
        Text.count(report.total(), "file")
            + ": "
            + String.join(", ", counts)
            + (withDuration ? " (" + report.duration().toMillis() + " ms)" : ""));
    return lines;
  }

  /** Shows the migration's progress with {@link Progress}. */
  static final class ProgressListener implements MigrationListener {
    private final PrintStream stream;
    private final boolean terminal;
    private Progress progress;

    ProgressListener(PrintStream stream, boolean terminal) {
      this.stream = stream;
      this.terminal = terminal;
    }

    @Override
    public void started(int total) {
      progress = new Progress(stream, terminal, total);
    }

    @Override
    public void fileDone(MigrationResult result) {
      if (progress != null) {
        progress.item(result.toString());
      }
    }

    void done() {
      if (progress != null) {
        progress.done();
      }
    }
  }
}
