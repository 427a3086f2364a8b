package io.github.fbtools.core;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import javax.annotation.Nonnull;
import javax.annotation.meta.TypeQualifierDefault;

/**
 * Package-level default: method return values are non-null unless marked
 * {@link javax.annotation.Nullable} or {@link javax.annotation.CheckForNull}.
 *
 * <p>Every package of fbtools-java carries this together with {@link
 * javax.annotation.ParametersAreNonnullByDefault} in its {@code package-info.java}:
 *
 * <pre>{@code
 * @ParametersAreNonnullByDefault
 * @ReturnValuesAreNonnullByDefault
 * package io.github.fbtools.example;
 * }</pre>
 *
 * <p>This annotation has no runtime behaviour; it informs static analysis (SpotBugs, IDEs). Like
 * every annotation it is immutable and thread-safe.
 */
@Documented
@Nonnull
@TypeQualifierDefault(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PACKAGE)
public @interface ReturnValuesAreNonnullByDefault {}
