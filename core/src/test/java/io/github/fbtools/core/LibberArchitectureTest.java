package io.github.fbtools.core;

import static com.tngtech.archunit.base.DescribedPredicate.or;
import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.AccessTarget.Predicates.declaredIn;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameMatching;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleNameStartingWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * RELIABILITY.md S6: the Libber classes cannot look anything up outside their own map, because
 * they do not depend on scripting, naming, networking, files, reflection or processes.
 */
class LibberArchitectureTest {
  private static final String LIBBER_CLASSES =
      "io\\.github\\.fbtools\\.core\\.(Libber|ExpansionLimits)[A-Za-z$0-9]*";

  @Test
  void libberClassesReachNothingOutsideTheirMap() {
    JavaClasses classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.github.fbtools.core");
    long libberClasses =
        classes.stream().filter(c -> c.getName().matches(LIBBER_CLASSES)).count();
    // Libber, LibberSource, LibberAnalysis, LibberEngine (+Call), LibberScanner (+5),
    // LibberKeyTable, LibberExpansionException (+Limit), ExpansionLimits, and lambdas' hosts.
    assertTrue(libberClasses >= 10, "Libber classes found: " + libberClasses);

    ArchRule rule =
        noClasses()
            .that()
            .haveNameMatching(LIBBER_CLASSES)
            .should()
            .dependOnClassesThat(
                or(
                    resideInAnyPackage(
                        "javax.script..",
                        "javax.naming..",
                        "java.net..",
                        "java.nio.file..",
                        "java.lang.reflect..",
                        "javax.management..",
                        "java.rmi.."),
                    simpleNameStartingWith("File").and(resideInAnyPackage("java.io")),
                    belongToAnyOf(ProcessBuilder.class, Runtime.class, ClassLoader.class)
                        .as("ProcessBuilder, Runtime or ClassLoader")))
            .because("a Libber resolves only its own keys (the Text4Shell lesson)");
    rule.check(classes);

    ArchRule noLookups =
        noClasses()
            .that()
            .haveNameMatching(LIBBER_CLASSES)
            .should()
            .callMethodWhere(
                target(declaredIn(System.class))
                    .and(target(nameMatching("getenv|getProperty|getProperties|load|loadLibrary"))))
            .orShould()
            .callMethodWhere(target(declaredIn(Class.class)).and(target(nameMatching("forName"))))
            .because("environment variables, system properties and classes are not Libber keys");
    noLookups.check(classes);
  }

  @Test
  void theRuleCatchesAViolation() {
    JavaClasses bad = new ClassFileImporter().importClasses(LibberArchitectureTest.class);
    ArchRule rule =
        noClasses()
            .that()
            .haveSimpleName(LibberArchitectureTest.class.getSimpleName())
            .should()
            .dependOnClassesThat(belongToAnyOf(JavaClass.class));
    try {
      rule.check(bad);
    } catch (AssertionError expected) {
      return;
    }
    throw new AssertionError("the rule did not see a dependency this class has");
  }
}
