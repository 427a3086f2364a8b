/**
 * Safe file access: name validation ({@link io.github.fbtools.core.files.SafeNames}), the one
 * atomic writer ({@link io.github.fbtools.core.files.AtomicFiles}) with its file-system seam
 * ({@link io.github.fbtools.core.files.FileOps}), and the readers and writers of prompts.json,
 * libber, scene and story files.
 *
 * <p>Every name is checked before any file-system call; every file is replaced atomically and
 * durably (temporary file, flush, atomic rename, folder flush) under a lock, never changed in
 * place. The durability guarantees hold on local file systems only.
 *
 * <p>All parameters and return values are non-null unless annotated {@code @Nullable}.
 */
@ParametersAreNonnullByDefault
@ReturnValuesAreNonnullByDefault
package io.github.fbtools.core.files;

import io.github.fbtools.core.json.ReturnValuesAreNonnullByDefault;
import javax.annotation.ParametersAreNonnullByDefault;
