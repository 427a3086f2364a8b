package io.github.fbtools.core.files;

import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameMatching;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.syntax.elements.ClassesShould;
import java.io.FileOutputStream;
import java.io.FileWriter;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/**
 * "Files are written only by the atomic writer": outside {@link SystemFileOps} (the one real
 * implementation of the {@link FileOps} seam, used by {@link AtomicFiles}), no production class of
 * core creates, writes, moves, links or deletes files, or changes their attributes.
 */
class FilesArchitectureTest {
  private static final JavaClasses CORE =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.github.fbtools.core");

  @Test
  void onlyTheFileOpsSeamTouchesTheFileSystemForWriting() {
    writes(
            noClasses()
                .that()
                .doNotHaveFullyQualifiedName(SystemFileOps.class.getName())
                .and()
                .doNotHaveFullyQualifiedName(SystemFileOps.class.getName() + "$ChannelFile")
                .should())
        .check(CORE);
  }

  @Test
  void negativeControlTheRuleSeesTheSeamItself() {
    AssertionError e =
        assertThrows(AssertionError.class, () -> writes(noClasses().should()).check(CORE));
    assertTrue(e.getMessage().contains("SystemFileOps"), e.getMessage());
  }

  private static ArchRule writes(ClassesShould start) {
    return start
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
        .because("files are written only by AtomicFiles, through the FileOps seam");
  }
}
