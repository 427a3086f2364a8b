/**
 * Core value types of fbtools-java: prompt collections ({@link io.github.fbtools.core.PromptCollection}), Libber substitution ({@link io.github.fbtools.core.Libber}), scene and story metadata, and the library's exception types.
 *
 * <p>All parameters and return values are non-null unless annotated {@code @Nullable}.
 */
@ParametersAreNonnullByDefault
@ReturnValuesAreNonnullByDefault
package io.github.fbtools.core;


import io.github.fbtools.core.json.ReturnValuesAreNonnullByDefault;
import javax.annotation.ParametersAreNonnullByDefault;
