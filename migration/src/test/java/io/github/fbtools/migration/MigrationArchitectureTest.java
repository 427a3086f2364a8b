package io.github.fbtools.migration;

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
 * "Files are written only by the atomic writer": no production class of the migration creates,
 * writes, moves, links or deletes a file, or changes its attributes, itself; every write goes
 * through core's {@code PromptFiles} and {@code AtomicFiles}.
 */
class MigrationArchitectureTest {
  private static final JavaClasses MIGRATION =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.github.fbtools.migration");

  @Test
  void theMigrationWritesOnlyThroughCore() {
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
        .callMethodWhere(target(owner(assignableTo(FileChannel.class))).and(target(nameMatching("open"))))
        .orShould()
        .dependOnClassesThat()
        .belongToAnyOf(FileOutputStream.class, FileWriter.class, RandomAccessFile.class)
        .because("files are written only by core's AtomicFiles, through its FileOps seam")
        .check(MIGRATION);
  }
}
