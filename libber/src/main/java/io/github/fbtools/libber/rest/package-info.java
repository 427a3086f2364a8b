/**
 * A framework-neutral REST router for the editing sessions ({@link
 * io.github.fbtools.libber.rest.FbToolsApi}) and its adapter to the JDK's built-in HTTP server
 * ({@link io.github.fbtools.libber.rest.FbToolsHttpServer}).
 *
 * <p>All parameters and return values are non-null unless annotated {@code @Nullable}.
 */
@ParametersAreNonnullByDefault
@ReturnValuesAreNonnullByDefault
package io.github.fbtools.libber.rest;

import io.github.fbtools.core.json.ReturnValuesAreNonnullByDefault;
import javax.annotation.ParametersAreNonnullByDefault;
