package io.github.fbtools.redis;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * No Redis type outside this module's implementation: core and libber never see Jedis, and this
 * module's public API shows only JDK and project types.
 */
class ArchitectureTest {
  @Test
  void coreAndLibberDoNotDependOnRedis() {
    JavaClasses classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.github.fbtools.core", "io.github.fbtools.libber");
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("redis.clients..", "io.github.fbtools.redis..")
        .because("sessions on Redis are the redis module's business only")
        .check(classes);
  }

  @Test
  void thePublicApiShowsNoThirdPartyType() {
    List<String> leaks = new ArrayList<>();
    for (Class<?> c : List.of(RedisSessionBackend.class, RedisSessionBackend.Builder.class)) {
      for (Method m : c.getDeclaredMethods()) {
        if (Modifier.isPublic(m.getModifiers())) {
          check(leaks, m.toGenericString(), m.getGenericReturnType());
          for (Type t : m.getGenericParameterTypes()) {
            check(leaks, m.toGenericString(), t);
          }
        }
      }
      for (Constructor<?> k : c.getDeclaredConstructors()) {
        assertFalse(Modifier.isPublic(k.getModifiers()), k + " must not be public");
      }
    }
    assertEquals(List.of(), leaks);
    assertEquals(
        List.of("RedisSessionBackend"),
        publicTopLevelClasses(),
        "the package's public surface is RedisSessionBackend (and its Builder)");
  }

  private static List<String> publicTopLevelClasses() {
    List<String> out = new ArrayList<>();
    for (Class<?> c :
        List.of(
            RedisSessionBackend.class,
            RedisSessionStorage.class,
            RedisEndpoint.class,
            LuaScripts.class)) {
      if (Modifier.isPublic(c.getModifiers())) {
        out.add(c.getSimpleName());
      }
    }
    return out;
  }

  private static void check(List<String> leaks, String where, Type t) {
    String name = t.getTypeName();
    if (!(name.startsWith("java.") || name.startsWith("io.github.fbtools.") || !name.contains("."))
        || name.contains("redis.clients")) {
      leaks.add(where + " shows " + name);
    }
  }
}
