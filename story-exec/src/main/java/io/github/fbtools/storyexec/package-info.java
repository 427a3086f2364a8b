/**
 * Execution-based output organisation for two-stage story runs.
 *
 * <p>All parameters and return values are non-null unless annotated {@code @Nullable}.
 */
@ParametersAreNonnullByDefault
@ReturnValuesAreNonnullByDefault
package io.github.fbtools.storyexec;

import io.github.fbtools.core.json.ReturnValuesAreNonnullByDefault;
import javax.annotation.ParametersAreNonnullByDefault;
