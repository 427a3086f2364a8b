package io.github.fbtools.migration;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import io.github.fbtools.core.files.PromptFiles;
import io.github.fbtools.core.json.FbJson;
import io.github.fbtools.migration.MigrationResult.Outcome;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The result of {@link PromptMigrator#migrateTree(Path)}: one {@link MigrationResult} per file,
 * in the order the files were handled, with counts per outcome and the time taken.
 *
 * <!-- given: Path scenesRoot; Path reportFile -->
 * <pre>{@code
 * MigrationReport report = PromptMigrator.create().migrateTree(scenesRoot);
 * System.out.println(report.count(MigrationResult.Outcome.MIGRATED) + " migrated");
 * Files.writeString(reportFile, report.toJson());   // or through AtomicFiles
 * if (report.hasFailures()) {
 *   report.failures().forEach(System.err::println);
 * }
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param root the real path of the tree's root
 * @param dryRun whether the run was a dry run (nothing was written)
 * @param results the results, in order; they do not hold collections
 * @param duration how long the run took, measured with the migrator's clock
 */
public record MigrationReport(
    Path root, boolean dryRun, List<MigrationResult> results, Duration duration) {

  /**
   * Validates and copies the components.
   *
   * @param root the real path of the tree's root
   * @param dryRun whether the run was a dry run
   * @param results the results, in order
   * @param duration how long the run took
   * @throws NullPointerException if a component or a result is null
   * @throws IllegalArgumentException if the duration is negative
   */
  public MigrationReport {
    checkNotNull(root, "root");
    results = List.copyOf(results);
    checkNotNull(duration, "duration");
    checkArgument(!duration.isNegative(), "duration must not be negative: %s", duration);
  }

  /**
   * Returns how many files the run handled.
   *
   * @return the number of results
   */
  public int total() {
    return results.size();
  }

  /**
   * Returns how many results have an outcome.
   *
   * @param outcome the outcome
   * @return the count
   */
  public int count(Outcome outcome) {
    checkNotNull(outcome, "outcome");
    int n = 0;
    for (MigrationResult r : results) {
      if (r.outcome() == outcome) {
        n++;
      }
    }
    return n;
  }

  /**
   * Returns the count of every outcome, zeros included, in the order of {@link Outcome}.
   *
   * @return an unmodifiable map from each outcome to its count
   */
  public Map<Outcome, Integer> counts() {
    EnumMap<Outcome, Integer> m = new EnumMap<>(Outcome.class);
    for (Outcome o : Outcome.values()) {
      m.put(o, 0);
    }
    for (MigrationResult r : results) {
      m.merge(r.outcome(), 1, Integer::sum);
    }
    return Collections.unmodifiableMap(m);
  }

  /**
   * Tells whether any file failed.
   *
   * @return true if a result is {@link Outcome#FAILED}
   */
  public boolean hasFailures() {
    return count(Outcome.FAILED) > 0;
  }

  /**
   * Returns the failed results, in order.
   *
   * @return an unmodifiable list, empty when nothing failed
   */
  public List<MigrationResult> failures() {
    List<MigrationResult> out = new ArrayList<>();
    for (MigrationResult r : results) {
      if (r.failed()) {
        out.add(r);
      }
    }
    return List.copyOf(out);
  }

  /**
   * Writes the report as JSON (through {@link FbJson}: UTF-8 text, 2-space indent, final newline),
   * with this stable key order: {@code root}, {@code dry_run}, {@code duration_ms}, {@code total},
   * {@code counts} (every outcome, in the order of {@link Outcome}, by its {@linkplain
   * Outcome#jsonName() JSON name}), {@code results} (each with {@code path}, {@code outcome},
   * {@code reason}, {@code backup}, {@code backup_created}, {@code warnings}; {@code reason} and
   * {@code backup} are null when absent, {@code backup} is given like {@code path}, and {@code
   * warnings} is a list, empty when there is none).
   *
   * @return the JSON text
   */
  public String toJson() {
    Map<String, Object> counts = new LinkedHashMap<>();
    counts().forEach((o, n) -> counts.put(o.jsonName(), n));
    List<Object> items = new ArrayList<>(results.size());
    for (MigrationResult r : results) {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("path", r.path());
      item.put("outcome", r.outcome().jsonName());
      item.put("reason", r.reason());
      item.put("backup", r.backup() == null ? null : backupPath(r.path()));
      item.put("backup_created", r.backupCreated());
      item.put("warnings", r.warnings());
      items.add(item);
    }
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("root", root.toString());
    doc.put("dry_run", dryRun);
    doc.put("duration_ms", duration.toMillis());
    doc.put("total", total());
    doc.put("counts", counts);
    doc.put("results", items);
    return FbJson.write(doc);
  }

  /** The backup's path, given as the file's path is: its sibling. */
  private static String backupPath(String path) {
    int slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf(java.io.File.separatorChar));
    return path.substring(0, slash + 1) + PromptFiles.V1_BACKUP_NAME;
  }
}
