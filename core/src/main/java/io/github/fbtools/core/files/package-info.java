/**
 * Safe file access: name validation ({@link io.github.fbtools.core.files.SafeNames}), the one atomic writer, and the readers and writers of prompts.json, libber, scene and story files.
 *
 * <p>All parameters and return values are non-null unless annotated {@code @Nullable}.
 */
@ParametersAreNonnullByDefault
@ReturnValuesAreNonnullByDefault
package io.github.fbtools.core.files;

import io.github.fbtools.core.ReturnValuesAreNonnullByDefault;
import javax.annotation.ParametersAreNonnullByDefault;
