package io.github.fbtools.examples;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Rules over the main code of every module (this module depends on all of them; test classes and
 * test jars are left out): packages are free of cycles, and no public or protected signature shows
 * a third-party type (issue 12 items 3 and 4).
 */
class LibraryArchitectureTest {
  private static final List<String> THIRD_PARTY = List.of("com.fasterxml.", "com.google.", "redis.clients.");

  private static final JavaClasses MAIN =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .withImportOption(location -> !location.contains("-tests.jar"))
          .importPackages("io.github.fbtools");

  @Test
  void theMainCodeOfEveryModuleIsThere() {
    for (String pkg :
        List.of(
            "io.github.fbtools.core",
            "io.github.fbtools.core.json",
            "io.github.fbtools.core.files",
            "io.github.fbtools.migration",
            "io.github.fbtools.storyexec",
            "io.github.fbtools.testkit",
            "io.github.fbtools.libber",
            "io.github.fbtools.libber.rest",
            "io.github.fbtools.redis",
            "io.github.fbtools.examples")) {
      if (!MAIN.containPackage(pkg)) {
        throw new AssertionError("the rules must see " + pkg);
      }
    }
    if (MAIN.containPackage("io.github.fbtools.core.testing")) {
      throw new AssertionError("test code must be left out");
    }
  }

  @Test
  void packagesAreFreeOfCycles() {
    slices().matching("io.github.fbtools.(**)").should().beFreeOfCycles().check(MAIN);
  }

  @Test
  void publicSignaturesShowNoThirdPartyType() {
    classes()
        .that(PUBLIC_API)
        .should(SHOW_NO_THIRD_PARTY_TYPE)
        .because("the public API shows only JDK and project types (Guava collections as List/Map)")
        .check(MAIN);
  }

  /** Public classes whose enclosing classes are public too. */
  private static final DescribedPredicate<JavaClass> PUBLIC_API =
      new DescribedPredicate<>("are part of the public API") {
        @Override
        public boolean test(JavaClass c) {
          for (Optional<JavaClass> k = Optional.of(c); k.isPresent(); k = k.get().getEnclosingClass()) {
            if (!k.get().getModifiers().contains(JavaModifier.PUBLIC)) {
              return false;
            }
          }
          return !c.isAnonymousClass() && !c.getSimpleName().equals("package-info");
        }
      };

  private static final ArchCondition<JavaClass> SHOW_NO_THIRD_PARTY_TYPE =
      new ArchCondition<>("show no third-party type in a public or protected signature") {
        @Override
        public void check(JavaClass c, ConditionEvents events) {
          List<String> leaks = new ArrayList<>();
          c.getRawSuperclass().ifPresent(s -> leak(leaks, c.getName() + " extends", s));
          c.getRawInterfaces().forEach(i -> leak(leaks, c.getName() + " implements", i));
          for (JavaMember m : c.getMembers()) {
            if (!(m.getModifiers().contains(JavaModifier.PUBLIC)
                    || m.getModifiers().contains(JavaModifier.PROTECTED))
                || m.getModifiers().contains(JavaModifier.SYNTHETIC)
                || m.getModifiers().contains(JavaModifier.BRIDGE)) {
              continue;
            }
            if (m instanceof JavaField f) {
              involved(leaks, f.getFullName(), f.getType());
            } else if (m instanceof JavaCodeUnit u) {
              involved(leaks, u.getFullName(), u.getReturnType());
              u.getParameterTypes().forEach(t -> involved(leaks, u.getFullName(), t));
              u.getThrowsClause().getTypes().forEach(t -> leak(leaks, u.getFullName(), t));
            }
          }
          for (String l : leaks) {
            events.add(SimpleConditionEvent.violated(c, l));
          }
        }
      };

  private static void involved(List<String> leaks, String where, JavaType type) {
    type.getAllInvolvedRawTypes().forEach(t -> leak(leaks, where, t));
  }

  private static void leak(List<String> leaks, String where, JavaClass type) {
    for (String prefix : THIRD_PARTY) {
      if (type.getName().startsWith(prefix)) {
        leaks.add(where + " shows " + type.getName());
      }
    }
  }
}
