/**
 * Editing sessions kept in Redis, shared by several fbtools servers: {@link
 * io.github.fbtools.redis.RedisSessionBackend} implements the {@code fbtools-libber} session
 * storage contract on a Redis server, through the Jedis client. No Redis or Jedis type appears in
 * this package's public API.
 *
 * <p>All parameters and return values are non-null unless annotated {@code @Nullable}.
 */
@ParametersAreNonnullByDefault
@ReturnValuesAreNonnullByDefault
package io.github.fbtools.redis;

import io.github.fbtools.core.json.ReturnValuesAreNonnullByDefault;
import javax.annotation.ParametersAreNonnullByDefault;
