/**
 * Reproducible fbTools data for property-based test harnesses: {@link
 * io.github.fbtools.testkit.FbGen} (seeded generators of {@code prompts.json} texts, prompt
 * collections, Libbers, Libber files and whole story folders, and {@link
 * io.github.fbtools.testkit.HostileInput hostile inputs} with the outcome the library promises for
 * each), {@link io.github.fbtools.testkit.ReferenceLibber} (the plain reference substitution, an
 * oracle for differential tests) and {@link io.github.fbtools.testkit.Shrinker} (the smallest
 * failing size of a seed, printed so it can be pasted into a test).
 *
 * <p>Every generator is a pure function of a seed and its arguments: the same seed gives the same
 * values and the same bytes on every JVM. The kit depends on no test framework; it plugs into plain
 * JUnit 5 ({@code @ParameterizedTest} with {@code @MethodSource}) and into any property-based
 * engine that can draw a {@code long}.
 *
 * <p>All parameters and return values are non-null unless annotated {@code @Nullable}.
 */
@ParametersAreNonnullByDefault
@ReturnValuesAreNonnullByDefault
package io.github.fbtools.testkit;

import io.github.fbtools.core.json.ReturnValuesAreNonnullByDefault;
import javax.annotation.ParametersAreNonnullByDefault;
