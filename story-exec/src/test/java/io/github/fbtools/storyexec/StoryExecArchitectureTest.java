package io.github.fbtools.storyexec;

import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameMatching;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.FileOutputStream;
import java.io.FileWriter;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/**
 * "Files are written only by the atomic writer": story-exec creates, writes, moves and deletes
 * nothing itself; it goes through core's {@code AtomicFiles} and {@code FileOps}.
 */
class StoryExecArchitectureTest {

  private static final JavaClasses STORY_EXEC =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.github.fbtools.storyexec");

  @Test
  void noClassWritesFilesDirectly() {
    noClasses()
        .should()
        .callMethodWhere(
            target(owner(assignableTo(Files.class)))
                .and(
                    target(
                        nameMatching(
                            "write.*|newOutputStream|newBufferedWriter|newByteChannel|move|copy"
                                + "|delete.*|create.*|set.*"))))
        .orShould()
        .callMethodWhere(
            target(owner(assignableTo(FileChannel.class))).and(target(nameMatching("open"))))
        .orShould()
        .dependOnClassesThat()
        .belongToAnyOf(FileOutputStream.class, FileWriter.class, RandomAccessFile.class)
        .because("files are written only by core's AtomicFiles, through the FileOps seam")
        .check(STORY_EXEC);
  }
}
