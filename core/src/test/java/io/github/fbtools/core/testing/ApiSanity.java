package io.github.fbtools.core.testing;

import com.google.common.reflect.ClassPath;
import com.google.common.testing.ArbitraryInstances;
import com.google.common.testing.NullPointerTester;
import io.github.fbtools.core.ExpansionLimits;
import io.github.fbtools.core.Libber;
import io.github.fbtools.core.LoraEntry;
import io.github.fbtools.core.PromptCollection;
import io.github.fbtools.core.PromptMetadata;
import io.github.fbtools.core.SceneInStory;
import io.github.fbtools.core.SceneInfo;
import io.github.fbtools.core.StoryInfo;
import io.github.fbtools.core.files.Fingerprint;
import io.github.fbtools.core.files.AtomicFiles;
import io.github.fbtools.core.files.FileOps;
import io.github.fbtools.core.files.LibberFiles;
import io.github.fbtools.core.files.PromptFiles;
import io.github.fbtools.core.files.SceneFiles;
import io.github.fbtools.core.files.StoryFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.Nullable;

/**
 * guava-testlib's sanity checks over every public type of a package: each public constructor,
 * static method and (on an instance the checker can build from a public constructor or factory)
 * instance method must throw {@link NullPointerException} for a {@code null} argument that is not
 * {@code @Nullable}. Failures of all types are collected and reported together.
 *
 * <pre>{@code
 * ApiSanity.withCoreDefaults(tempDir.resolve("not-there"))
 *     .setDefault(MigrationListener.class, new MigrationListener() {})
 *     .assertNullChecks(ApiSanity.publicTypes("io.github.fbtools.migration", Set.of()));
 * }</pre>
 *
 * <p>Not thread-safe: one test uses one instance.
 */
public final class ApiSanity {
  private final NullPointerTester nullTester = new NullPointerTester();
  private final Map<Class<?>, Object> defaults = new HashMap<>();

  private ApiSanity() {}

  /**
   * Returns a checker with a sample value for the JDK and core types the library's signatures
   * use: {@code path} for every {@link Path} (a path under a test's temporary folder, so a method
   * that did touch the disk would touch only that), and small valid values of the core model.
   *
   * @param path the path to pass for a {@link Path} parameter
   * @return a new checker
   */
  public static ApiSanity withCoreDefaults(Path path) {
    return new ApiSanity()
        .setDefault(Path.class, path)
        .setDefault(Duration.class, Duration.ofSeconds(1))
        .setDefault(Clock.class, Clock.fixed(Instant.parse("2026-03-14T09:30:05Z"), ZoneOffset.UTC))
        .setDefault(Libber.class, Libber.empty())
        .setDefault(PromptCollection.class, PromptCollection.empty())
        .setDefault(PromptMetadata.class, PromptMetadata.of("a prompt"))
        .setDefault(LoraEntry.class, LoraEntry.of("a.safetensors", LoraEntry.HIGH_TARGET))
        .setDefault(SceneInfo.class, SceneInfo.builder("opening").build())
        .setDefault(SceneInStory.class, SceneInStory.builder("opening", 0).build())
        .setDefault(StoryInfo.class, StoryInfo.of("story", "story", List.of()))
        .setDefault(ExpansionLimits.class, ExpansionLimits.DEFAULT)
        .setDefault(FileOps.class, FileOps.system())
        .setDefault(AtomicFiles.class, AtomicFiles.create())
        .setDefault(PromptFiles.class, PromptFiles.create())
        .setDefault(SceneFiles.class, SceneFiles.create())
        .setDefault(SceneFiles.Fingerprints.class, SceneFiles.Fingerprints.absent())
        .setDefault(Fingerprint.class, Fingerprint.absent())
        .setDefault(
            SceneFiles.Written.class,
            new SceneFiles.Written(
                new PromptFiles.Written(false, false, Fingerprint.absent(), PromptCollection.empty()),
                List.of(),
                SceneFiles.Fingerprints.absent()))
        .setDefault(StoryFiles.class, StoryFiles.create())
        .setDefault(LibberFiles.class, LibberFiles.create());
  }

  /**
   * Sets the value passed for parameters of {@code type}.
   *
   * @param type the parameter type
   * @param value a valid, non-null value of it
   * @param <T> the type
   * @return this checker
   */
  public <T> ApiSanity setDefault(Class<T> type, T value) {
    nullTester.setDefault(type, value);
    defaults.put(type, value);
    return this;
  }

  @SuppressWarnings("unchecked")
  private <T> void setDefaultUnchecked(Class<T> type, Object value) {
    setDefault(type, (T) value);
  }

  /**
   * Returns the public types of a package's main classes (top-level and nested, recursively),
   * leaving out classes compiled from test sources and the types named in {@code skip}.
   *
   * @param packageName the package
   * @param skip types to leave out (each with a reason at the caller)
   * @return the types, by name
   */
  public static List<Class<?>> publicTypes(String packageName, Set<Class<?>> skip) {
    ClassPath classPath;
    try {
      classPath = ClassPath.from(ApiSanity.class.getClassLoader());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<Class<?>> types = new ArrayList<>();
    for (ClassPath.ClassInfo info : classPath.getTopLevelClasses(packageName)) {
      Class<?> c = info.load();
      if (!isTestClass(c)) {
        addPublic(c, types);
      }
    }
    types.removeAll(skip);
    types.sort(Comparator.comparing(Class::getName));
    if (types.isEmpty()) {
      throw new AssertionError("no public main types in " + packageName);
    }
    return types;
  }

  private static void addPublic(Class<?> c, List<Class<?>> types) {
    if (!Modifier.isPublic(c.getModifiers())) {
      return;
    }
    types.add(c);
    for (Class<?> nested : c.getDeclaredClasses()) {
      addPublic(nested, types);
    }
  }

  private static boolean isTestClass(Class<?> c) {
    CodeSource source = c.getProtectionDomain().getCodeSource();
    if (source == null) {
      return false;
    }
    try {
      String location = source.getLocation().toURI().getPath();
      return location.endsWith("/test-classes/") || location.endsWith("-tests.jar");
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Checks every type's null handling with a {@link NullPointerTester}: its public constructors,
   * its public static methods and, on an instance built from a public constructor or factory (or
   * the default set for the type), its public instance methods declared by fbtools types.
   *
   * @param types the types
   * @throws AssertionError listing every type that accepted a null
   */
  public void assertNullChecks(List<Class<?>> types) {
    // Sample values of the package's own types, for the parameters of the others.
    for (int pass = 0; pass < 3; pass++) {
      for (Class<?> type : types) {
        if (!defaults.containsKey(type)) {
          Object instance = instance(type);
          if (instance != null) {
            setDefaultUnchecked(type, instance);
          }
        }
      }
    }
    List<String> failures = new ArrayList<>();
    for (Class<?> type : types) {
      try {
        nullTester.testAllPublicConstructors(type);
        nullTester.testAllPublicStaticMethods(type);
        Object instance = instance(type);
        if (instance != null) {
          for (Method m : type.getMethods()) {
            // equals(Object) takes null by contract (EqualsTester checks it).
            boolean isEquals =
                m.getName().equals("equals")
                    && Arrays.equals(m.getParameterTypes(), new Class<?>[] {Object.class});
            if (!Modifier.isStatic(m.getModifiers())
                && !isEquals
                && m.getDeclaringClass().getName().startsWith("io.github.fbtools.")) {
              nullTester.testMethod(instance, m);
            }
          }
        }
      } catch (AssertionError | RuntimeException e) {
        failures.add(type.getName() + ": " + e.getMessage());
      }
    }
    if (!failures.isEmpty()) {
      throw new AssertionError(
          failures.size() + " of " + types.size() + " types accept null:\n"
              + String.join("\n", failures));
    }
  }

  /**
   * An instance of {@code type}: its default if one is set, an enum's first constant, or what the
   * first public constructor or static factory (fewest parameters first) returns for default or
   * {@link ArbitraryInstances} arguments; null where none can be built.
   */
  @Nullable
  private Object instance(Class<?> type) {
    if (defaults.containsKey(type)) {
      return defaults.get(type);
    }
    if (type.isEnum()) {
      Object[] constants = type.getEnumConstants();
      return constants.length == 0 ? null : constants[0];
    }
    List<Executable> makers = new ArrayList<>();
    if (!Modifier.isAbstract(type.getModifiers())) {
      makers.addAll(List.of(type.getConstructors()));
    }
    for (Method m : type.getMethods()) {
      if (Modifier.isStatic(m.getModifiers()) && m.getReturnType() == type) {
        makers.add(m);
      }
    }
    makers.sort(Comparator.comparingInt(Executable::getParameterCount));
    for (Executable maker : makers) {
      Object[] args = new Object[maker.getParameterCount()];
      boolean complete = true;
      for (int i = 0; i < args.length && complete; i++) {
        Class<?> p = maker.getParameterTypes()[i];
        args[i] = defaults.containsKey(p) ? defaults.get(p) : ArbitraryInstances.get(p);
        complete = args[i] != null;
      }
      if (!complete) {
        continue;
      }
      try {
        return maker instanceof Method m
            ? m.invoke(null, args)
            : ((Constructor<?>) maker).newInstance(args);
      } catch (ReflectiveOperationException | RuntimeException e) {
        // try the next one
      }
    }
    return null;
  }
}
