/**
 * The one JSON codec of the library ({@link io.github.fbtools.core.json.FbJson}): hardened parsing into plain immutable Java values and deterministic, Python-compatible output.
 *
 * <p>All parameters and return values are non-null unless annotated {@code @Nullable}.
 */
@ParametersAreNonnullByDefault
@ReturnValuesAreNonnullByDefault
package io.github.fbtools.core.json;

import io.github.fbtools.core.ReturnValuesAreNonnullByDefault;
import javax.annotation.ParametersAreNonnullByDefault;
