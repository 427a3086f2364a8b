package io.github.fbtools.libber;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Architecture rules of the libber module: SE1 (ids only from SecureRandom), one JSON codec, files
 * only through core's files API, and P7 (no path is ever built from a request string except by
 * {@code SafeNames}).
 */
class ArchitectureTest {
  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.github.fbtools.libber");

  @Test
  void se1SessionCodeUsesNoWeakRandomnessOrWallClock() {
    noClasses()
        .that()
        .resideInAPackage("io.github.fbtools.libber")
        .should()
        .dependOnClassesThat()
        .haveFullyQualifiedName("java.util.Random")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("java.util.UUID")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("java.util.concurrent.ThreadLocalRandom")
        .orShould()
        .callMethod(Math.class, "random")
        .orShould()
        .callMethod(System.class, "currentTimeMillis")
        .orShould()
        .callMethod(System.class, "nanoTime")
        .because("session ids come from SecureRandom and session time from the injected InstantSource")
        .check(CLASSES);
  }

  @Test
  void jsonIsOnlyHandledByFbJson() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAPackage("com.fasterxml.jackson..")
        .because("FbJson is the one JSON parser and writer")
        .check(CLASSES);
  }

  @Test
  void filesAreOnlyTouchedThroughCoreFilesApi() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .haveFullyQualifiedName("java.nio.file.Files")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("java.io.File")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("java.io.FileInputStream")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("java.io.FileOutputStream")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("java.io.RandomAccessFile")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("java.nio.channels.FileChannel")
        .because("files are read and written only by io.github.fbtools.core.files")
        .check(CLASSES);
  }

  @Test
  void p7NoPathIsBuiltFromAString() {
    noClasses()
        .should()
        .callMethod(java.nio.file.Path.class, "of", String.class, String[].class)
        .orShould()
        .callMethod(java.nio.file.Paths.class, "get", String.class, String[].class)
        .orShould()
        .callMethod(java.nio.file.Path.class, "resolve", String.class)
        .orShould()
        .callMethod(java.nio.file.Path.class, "resolveSibling", String.class)
        .orShould()
        .callMethod(java.nio.file.FileSystem.class, "getPath", String.class, String[].class)
        .because("names from requests become paths only through SafeNames.resolve (P7)")
        .check(CLASSES);
  }
}
