/**
 * The one JSON codec of the library ({@link io.github.fbtools.core.json.FbJson}): hardened parsing into plain immutable Java values and deterministic, Python-compatible output.
 *
 * <p>This is the library's base package: it depends on no other package of the library, and
 * holds what every package needs, the exception base {@link
 * io.github.fbtools.core.json.FbToolsException}, {@link io.github.fbtools.core.json.FormatException}
 * and the {@link io.github.fbtools.core.json.ReturnValuesAreNonnullByDefault} annotation, so that
 * the packages are free of cycles ({@code core.json} &larr; {@code core} &larr; {@code
 * core.files} &larr; the other modules).
 *
 * <p>All parameters and return values are non-null unless annotated {@code @Nullable}.
 */
@ParametersAreNonnullByDefault
@ReturnValuesAreNonnullByDefault
package io.github.fbtools.core.json;

import javax.annotation.ParametersAreNonnullByDefault;
