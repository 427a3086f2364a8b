package io.github.fbtools.testkit;

import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameMatching;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.nio.file.Files;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The kit's rules: no test framework in main code (it plugs into any), files only through the
 * library's atomic writer, and no random source but its own (so a seed means the same on every
 * JVM).
 */
class TestkitArchitectureTest {
  private static final JavaClasses KIT =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.github.fbtools.testkit");

  @Test
  void noTestFrameworkInMainCode() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.junit..", "org.opentest4j..", "org.assertj..", "org.hamcrest..", "net.jqwik..",
            "com.tngtech..")
        .check(KIT);
  }

  @Test
  void filesAreWrittenOnlyThroughTheAtomicWriter() {
    noClasses()
        .should()
        .callMethodWhere(
            target(owner(assignableTo(Files.class)))
                .and(
                    target(
                        nameMatching(
                            "write.*|newOutputStream|newBufferedWriter|newByteChannel|move|copy"
                                + "|delete.*|create.*|set.*"))))
        .check(KIT);
  }

  @Test
  void noOtherRandomSource() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .areAssignableTo(Random.class)
        .orShould()
        .dependOnClassesThat()
        .areAssignableTo(SplittableRandom.class)
        .check(KIT);
  }
}
