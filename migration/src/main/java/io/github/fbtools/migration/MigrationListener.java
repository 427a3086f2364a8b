package io.github.fbtools.migration;

/**
 * Hears the progress of {@link PromptMigrator#migrateTree(java.nio.file.Path)}, for example to
 * draw a progress bar. The calls come from the thread running the migration, in order: {@link
 * #started(int)} once, then {@link #fileDone(MigrationResult)} once per file, in the report's
 * order. An exception thrown by a listener stops the run and propagates; every file handled so
 * far is complete (migrated or untouched).
 *
 * <pre>{@code
 * PromptMigrator migrator = PromptMigrator.builder()
 *     .listener(new MigrationListener() {
 *       int total;
 *       int done;
 *
 *       @Override
 *       public void started(int files) {
 *         total = files;
 *       }
 *
 *       @Override
 *       public void fileDone(MigrationResult result) {
 *         System.out.printf("%d/%d %s%n", ++done, total, result);
 *       }
 *     })
 *     .build();
 * }</pre>
 *
 * <p>A listener given to a migrator shared between threads must be thread-safe.
 */
public interface MigrationListener {

  /** A listener that ignores every call. */
  MigrationListener NONE = new MigrationListener() {};

  /**
   * Called once, after the tree was walked and before the first file is handled.
   *
   * @param total how many results the run will report
   */
  default void started(int total) {}

  /**
   * Called after each file, with its full result (including the {@linkplain
   * MigrationResult#collection() collection}, which the report does not keep).
   *
   * @param result what happened to the file
   */
  default void fileDone(MigrationResult result) {}
}
