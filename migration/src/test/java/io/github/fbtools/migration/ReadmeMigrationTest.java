package io.github.fbtools.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fbtools.core.files.PromptFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's three-line migration, line for line, so the README stays true. */
class ReadmeMigrationTest {
  /** The lines as the README shows them. */
  static final List<String> README_LINES =
      List.of(
          "PromptMigrator migrator = PromptMigrator.create();          // or .builder().dryRun(true).build()",
          "MigrationReport report = migrator.migrateTree(scenesFolder); // backup first, then v2; idempotent",
          "System.out.println(report.toJson());                         // counts, and one result per scene");

  @TempDir Path scenesFolder;

  @Test
  void threeLines() throws IOException {
    Files.createDirectory(scenesFolder.resolve("opening"));
    Files.writeString(scenesFolder.resolve("opening/prompts.json"), "{\"girl_pos\": \"a woman\"}");
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    PrintStream out = System.out;
    System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
    try {
      PromptMigrator migrator = PromptMigrator.create();          // or .builder().dryRun(true).build()
      MigrationReport report = migrator.migrateTree(scenesFolder); // backup first, then v2; idempotent
      System.out.println(report.toJson());                         // counts, and one result per scene
    } finally {
      System.setOut(out);
    }
    String json = printed.toString(StandardCharsets.UTF_8);
    assertTrue(json.contains("\"migrated\": 1"), json);
    assertEquals(
        "a woman", PromptFiles.create().read(scenesFolder.resolve("opening")).promptValue("girl_pos").orElseThrow());
  }

  @Test
  void theReadmeShowsTheseLines() throws IOException {
    Path readme = Path.of("..", "README.md");
    Assumptions.assumeTrue(Files.exists(readme), "not run from the module folder");
    String text = Files.readString(readme);
    for (String line : README_LINES) {
      assertTrue(text.contains(line), "README.md lacks: " + line);
    }
    assertFalse(text.contains("maven.javadoc.skip"));
  }
}
