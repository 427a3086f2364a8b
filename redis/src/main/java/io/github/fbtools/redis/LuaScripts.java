package io.github.fbtools.redis;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The Lua scripts that make every session operation one atomic step on the Redis server. Each
 * script reads and writes only the keys of one kind of session:
 *
 * <ul>
 *   <li>{@code <prefix><kind>:<id>}: a hash with {@code v} (version), {@code s} (the state's
 *       JSON), {@code c} and {@code a} (creation and last access, epoch milliseconds), {@code w}
 *       (the JSON's UTF-8 bytes) and {@code op} (the token of the last write, so that a write
 *       retried after a lost reply is recognised); its Redis expiry is the session's deadline
 *       plus a short grace (the last ARGV of every script), so that a call soon after the
 *       deadline still finds the state and reports the expiry;
 *   <li>{@code <prefix><kind>:index}: a sorted set of the session ids by deadline (the idle
 *       timeout after the last access, capped at the absolute timeout after creation): the count
 *       limit and the clean-up read it;
 *   <li>{@code <prefix><kind>:weights} (id to bytes) and {@code <prefix><kind>:bytes} (their sum):
 *       the byte limit, kept right even for sessions Redis expired by itself.
 * </ul>
 *
 * <p>Times come from the caller's clock (so tests inject one), in epoch milliseconds; the last
 * ARGV of every script is the grace in milliseconds. Every answer is an array whose
 * first element says what happened ({@code OK}, {@code NF} not found, {@code EXP} expired and
 * removed now, {@code CONFLICT}, {@code FULL_COUNT}, {@code FULL_BYTES}, {@code TOTAL}, {@code
 * DEL}, {@code COLLISION}).
 */
final class LuaScripts {
  private LuaScripts() {}

  /** A script's source and its SHA-1, for EVALSHA. */
  record Script(String name, String source, String sha1) {
    static Script of(String name, String source) {
      // SHA-1 is how Redis names a loaded script (EVALSHA), not a security measure here.
      try {
        byte[] digest =
            MessageDigest.getInstance("SHA-1").digest(source.getBytes(StandardCharsets.UTF_8));
        return new Script(name, source, HexFormat.of().formatHex(digest));
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("every JDK has SHA-1", e);
      }
    }
  }

  /**
   * Shared helpers. {@code IDX}, {@code WTS} and {@code BYTES} are the kind's index, weights and
   * total keys; a script sets them before use.
   */
  private static final String PRELUDE =
      """
      local IDX, WTS, BYTES
      local GRACE = tonumber(ARGV[#ARGV])
      local function int(x) return string.format('%d', x) end
      local function expiry(now, c, a, idle, abs)
        if now - c >= abs then return 'ABSOLUTE_TIMEOUT' end
        if now - a >= idle then return 'IDLE_TIMEOUT' end
        return false
      end
      local function forget(id)
        redis.call('ZREM', IDX, id)
        local w = redis.call('HGET', WTS, id)
        if w then
          redis.call('HDEL', WTS, id)
          redis.call('DECRBY', BYTES, w)
        end
      end
      local function keep(key, id, now, c, a, idle, abs)
        local deadline = math.min(a + idle, c + abs)
        redis.call('PEXPIRE', key, int(math.max(1, deadline - now + GRACE)))
        redis.call('ZADD', IDX, int(deadline), id)
      end
      """;

  /** The prelude for the one-session scripts: KEYS = session, index, weights, bytes. */
  private static final String SESSION_PRELUDE =
      PRELUDE
          + """
          IDX, WTS, BYTES = KEYS[2], KEYS[3], KEYS[4]
          local id, now = ARGV[1], tonumber(ARGV[2])
          local idle, abs = tonumber(ARGV[3]), tonumber(ARGV[4])
          """;

  /** ARGV[5]: "1" to return the state. Answers OK v s c a | NF | EXP cause v s c a. */
  static final Script GET =
      Script.of(
          "get",
          SESSION_PRELUDE
              + """
              local h = redis.call('HMGET', KEYS[1], 'v', 'c', 'a')
              if not h[1] then
                forget(id)
                return {'NF'}
              end
              local c, a = tonumber(h[2]), tonumber(h[3])
              local cause = expiry(now, c, a, idle, abs)
              if cause then
                local s = redis.call('HGET', KEYS[1], 's')
                redis.call('DEL', KEYS[1])
                forget(id)
                return {'EXP', cause, h[1], s, h[2], h[3]}
              end
              if now > a then
                a = now
                redis.call('HSET', KEYS[1], 'a', int(a))
              end
              keep(KEYS[1], id, now, c, a, idle, abs)
              local s = ''
              if ARGV[5] == '1' then s = redis.call('HGET', KEYS[1], 's') end
              return {'OK', h[1], s, h[2], int(a)}
              """);

  /**
   * ARGV[5..9]: max sessions, max total bytes, bytes, state, op token. Answers OK v '' c a |
   * FULL_COUNT n | FULL_BYTES used | COLLISION.
   */
  static final Script CREATE =
      Script.of(
          "create",
          SESSION_PRELUDE
              + """
              local existing = redis.call('HGET', KEYS[1], 'op')
              if existing then
                if existing == ARGV[9] then
                  local h = redis.call('HMGET', KEYS[1], 'v', 'c', 'a')
                  return {'OK', h[1], '', h[2], h[3]}
                end
                return {'COLLISION'}
              end
              local n = redis.call('ZCARD', IDX)
              if n >= tonumber(ARGV[5]) then return {'FULL_COUNT', n} end
              local w = tonumber(ARGV[7])
              local used = tonumber(redis.call('GET', BYTES) or '0')
              if used + w > tonumber(ARGV[6]) then return {'FULL_BYTES', int(used)} end
              redis.call('HSET', KEYS[1], 'v', '0', 's', ARGV[8], 'c', ARGV[2], 'a', ARGV[2],
                  'w', ARGV[7], 'op', ARGV[9])
              keep(KEYS[1], id, now, now, now, idle, abs)
              redis.call('HSET', WTS, id, ARGV[7])
              redis.call('INCRBY', BYTES, ARGV[7])
              return {'OK', '0', '', ARGV[2], ARGV[2]}
              """);

  /**
   * The compare-and-set of an update. ARGV[5..9]: the version the new state was computed from,
   * the new state, its bytes, max total bytes, op token. Answers OK v '' c a | NF | EXP cause v s
   * c a | CONFLICT v s c a | TOTAL.
   */
  static final Script UPDATE =
      Script.of(
          "update",
          SESSION_PRELUDE
              + """
              local h = redis.call('HMGET', KEYS[1], 'v', 'c', 'a', 'w', 'op')
              if not h[1] then
                forget(id)
                return {'NF'}
              end
              local c, a = tonumber(h[2]), tonumber(h[3])
              local cause = expiry(now, c, a, idle, abs)
              if cause then
                local s = redis.call('HGET', KEYS[1], 's')
                redis.call('DEL', KEYS[1])
                forget(id)
                return {'EXP', cause, h[1], s, h[2], h[3]}
              end
              if h[1] ~= ARGV[5] then
                if h[5] == ARGV[9] then return {'OK', h[1], '', h[2], h[3]} end
                return {'CONFLICT', h[1], redis.call('HGET', KEYS[1], 's'), h[2], h[3]}
              end
              local w = tonumber(ARGV[7])
              local delta = w - tonumber(h[4])
              if delta > 0 then
                local used = tonumber(redis.call('GET', BYTES) or '0')
                if used + delta > tonumber(ARGV[8]) then return {'TOTAL'} end
              end
              local v = tonumber(h[1]) + 1
              if now > a then a = now end
              redis.call('HSET', KEYS[1], 'v', int(v), 's', ARGV[6], 'a', int(a), 'w', ARGV[7],
                  'op', ARGV[9])
              keep(KEYS[1], id, now, c, a, idle, abs)
              redis.call('HSET', WTS, id, ARGV[7])
              if delta ~= 0 then redis.call('INCRBY', BYTES, int(delta)) end
              return {'OK', int(v), '', h[2], int(a)}
              """);

  /** Answers DEL v s c a | NF | EXP cause v s c a. */
  static final Script DELETE =
      Script.of(
          "delete",
          SESSION_PRELUDE
              + """
              local h = redis.call('HMGET', KEYS[1], 'v', 's', 'c', 'a')
              if not h[1] then
                forget(id)
                return {'NF'}
              end
              local cause = expiry(now, tonumber(h[3]), tonumber(h[4]), idle, abs)
              redis.call('DEL', KEYS[1])
              forget(id)
              if cause then return {'EXP', cause, h[1], h[2], h[3], h[4]} end
              return {'DEL', h[1], h[2], h[3], h[4]}
              """);

  /**
   * Removes up to ARGV[5] sessions whose deadline has passed. KEYS = index, weights, bytes;
   * ARGV = session key prefix, now, idle, abs, batch. Answers removed, more (0/1), then per
   * removed session whose state was still there: id cause v s c a.
   */
  static final Script CLEAN_UP =
      Script.of(
          "cleanup",
          PRELUDE
              + """
              IDX, WTS, BYTES = KEYS[1], KEYS[2], KEYS[3]
              local prefix, now, idle, abs = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3]),
                  tonumber(ARGV[4])
              local batch = tonumber(ARGV[5])
              local ids = redis.call('ZRANGEBYSCORE', IDX, '-inf', ARGV[2], 'LIMIT', 0, batch)
              local out = {0, 0}
              local removed = 0
              for _, id in ipairs(ids) do
                local key = prefix .. id
                local h = redis.call('HMGET', key, 'v', 's', 'c', 'a')
                if h[1] then
                  local c, a = tonumber(h[3]), tonumber(h[4])
                  local cause = expiry(now, c, a, idle, abs)
                  if cause then
                    redis.call('DEL', key)
                    forget(id)
                    removed = removed + 1
                    for _, x in ipairs({id, cause, h[1], h[2], h[3], h[4]}) do
                      out[#out + 1] = x
                    end
                  else
                    keep(key, id, now, c, a, idle, abs)
                  end
                else
                  forget(id)
                  removed = removed + 1
                end
              end
              out[1] = removed
              if #ids == batch then out[2] = 1 end
              return out
              """);
}
