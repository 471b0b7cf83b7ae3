import type { Redis } from 'ioredis';

/**
 * Lua for entry stores on Redis, each script atomic over the three keys of one store:
 * KEYS[1] a hash key → value, KEYS[2] a sorted set key → expiry (epoch ms, only for entries
 * that expire), KEYS[3] a sorted set key → write sequence (which entry is oldest). Redis 7.0 has
 * no per-field expiry in hashes (7.4 does), so expiry is the second set, checked against the
 * server's clock (TIME): runtimes whose clocks differ still agree on what has expired.
 */
const PRELUDE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local function drop(keys)
  for i = 1, #keys, 500 do
    local chunk = {unpack(keys, i, math.min(i + 499, #keys))}
    redis.call('HDEL', KEYS[1], unpack(chunk))
    redis.call('ZREM', KEYS[2], unpack(chunk))
    redis.call('ZREM', KEYS[3], unpack(chunk))
  end
end
local function purge()
  drop(redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', now))
end
local function live(key)
  local expires = redis.call('ZSCORE', KEYS[2], key)
  if expires and tonumber(expires) <= now then
    drop({key})
    return false
  end
  return redis.call('HEXISTS', KEYS[1], key) == 1
end
-- A store whose entries all expire expires with the last of them, so one left alone does not linger.
local function settle()
  local n = redis.call('HLEN', KEYS[1])
  if n > 0 and redis.call('ZCARD', KEYS[2]) == n then
    local last = redis.call('ZRANGE', KEYS[2], -1, -1, 'WITHSCORES')
    for i = 1, 3 do redis.call('PEXPIREAT', KEYS[i], last[2]) end
  else
    for i = 1, 3 do redis.call('PERSIST', KEYS[i]) end
  end
end
`;

/** ARGV: key. The value, or nil when there is no live entry. */
const GET = `${PRELUDE}
if live(ARGV[1]) then return redis.call('HGET', KEYS[1], ARGV[1]) end
return false`;

/** ARGV: key. 1 when there is a live entry. */
const HAS = `${PRELUDE}
if live(ARGV[1]) then return 1 end
return 0`;

/**
 * ARGV: key, value, ttl ms (0: none), max entries (-1: no bound), 1 to write only when absent.
 * 1 when it wrote. Past the bound, the oldest written go, the new one last.
 */
const PUT = `${PRELUDE}
local key, ttl, max = ARGV[1], tonumber(ARGV[3]), tonumber(ARGV[4])
if ARGV[5] == '1' and live(key) then return 0 end
purge()
redis.call('HSET', KEYS[1], key, ARGV[2])
if ttl > 0 then redis.call('ZADD', KEYS[2], now + ttl, key) else redis.call('ZREM', KEYS[2], key) end
local top = redis.call('ZRANGE', KEYS[3], -1, -1, 'WITHSCORES')
redis.call('ZADD', KEYS[3], (top[2] and tonumber(top[2]) or 0) + 1, key)
if max >= 0 then
  local over = redis.call('HLEN', KEYS[1]) - max
  if over > 0 then drop(redis.call('ZRANGE', KEYS[3], 0, over - 1)) end
end
settle()
return 1`;

/** ARGV: key. 1 when there was a live entry. */
const DELETE = `${PRELUDE}
if not live(ARGV[1]) then return 0 end
drop({ARGV[1]})
settle()
return 1`;

/** ARGV: 'keys' (in write order), 'entries' (key, value, key, value …) or 'size'. */
const LIST = `${PRELUDE}
purge()
if ARGV[1] == 'size' then return redis.call('HLEN', KEYS[1]) end
local keys = redis.call('ZRANGE', KEYS[3], 0, -1)
if ARGV[1] == 'keys' then return keys end
local out = {}
for i = 1, #keys, 500 do
  local chunk = {unpack(keys, i, math.min(i + 499, #keys))}
  local values = redis.call('HMGET', KEYS[1], unpack(chunk))
  for j = 1, #chunk do
    out[#out + 1] = chunk[j]
    out[#out + 1] = values[j]
  end
end
return out`;

/** The scripts as ioredis commands (EVALSHA, loaded once per connection). */
export interface EntryCommands {
  flowrtEntryGet(data: string, expiry: string, order: string, key: string): Promise<string | null>;
  flowrtEntryHas(data: string, expiry: string, order: string, key: string): Promise<number>;
  flowrtEntryPut(data: string, expiry: string, order: string, key: string, value: string, ttlMs: number, max: number, onlyIfAbsent: 0 | 1): Promise<number>;
  flowrtEntryDelete(data: string, expiry: string, order: string, key: string): Promise<number>;
  flowrtEntryList(data: string, expiry: string, order: string, what: 'keys' | 'entries'): Promise<string[]>;
  flowrtEntryList(data: string, expiry: string, order: string, what: 'size'): Promise<number>;
}

export function defineEntryCommands(redis: Redis): void {
  redis.defineCommand('flowrtEntryGet', { numberOfKeys: 3, lua: GET });
  redis.defineCommand('flowrtEntryHas', { numberOfKeys: 3, lua: HAS });
  redis.defineCommand('flowrtEntryPut', { numberOfKeys: 3, lua: PUT });
  redis.defineCommand('flowrtEntryDelete', { numberOfKeys: 3, lua: DELETE });
  redis.defineCommand('flowrtEntryList', { numberOfKeys: 3, lua: LIST });
}
