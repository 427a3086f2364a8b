package io.github.fbtools.migration;

/**
 * Hears the progress of {@link PromptMigrator#migrateTree(java.nio.file.Path)}, for example to
 * draw a progress bar. The calls come from the thread that called {@code migrateTree}, never from
 * a pool thread, even when scenes are migrated several at a time ({@link
 * PromptMigrator.Builder#jobs(int)}): {@link #started(int)} once, then {@link
 * #fileDone(MigrationResult)} once per file, in the report's order, as soon as that file and every
 * file before it are done. So a listener used by one run at a time needs no synchronisation. An
 * exception thrown by a listener stops the run and propagates: no further file is started, the
 * files being migrated are completed, and every file is either complete (migrated) or untouched.
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
 * <p>A listener given to a migrator that runs several trees at once, from several threads, must be
 * thread-safe.
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
