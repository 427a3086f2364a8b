/**
 * JMH benchmarks against the performance anchors.
 *
 * <p>All parameters and return values are non-null unless annotated {@code @Nullable}.
 */
@ParametersAreNonnullByDefault
@ReturnValuesAreNonnullByDefault
package io.github.fbtools.benchmarks;

import io.github.fbtools.core.json.ReturnValuesAreNonnullByDefault;
import javax.annotation.ParametersAreNonnullByDefault;
