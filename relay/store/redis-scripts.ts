/**
 * Lua run inside Redis, so each step is atomic across every relay instance sharing it.
 *
 * Layout (all under the key prefix, default `sq:`):
 * - `ch:<id>`  hash: the channel record, plus `bytes` (quota use) and `last` (newest cursor);
 * - `ev:<id>`  stream: one entry per event, id `<cursor>-0`, fields id/at/h/q/b/s/n;
 * - `channels` set of channel ids (purge, metrics); `last` the newest cursor of the whole relay;
 *   `bytes` the size of every stored event together (the total cap).
 *
 * Cursors are `max(receivedAt * 1024, last + 1)`: strictly increasing across instances (the script
 * runs atomically), safe integers until the year 2248, and ordered by receive time, so the TTL purge
 * is one `XTRIM MINID` per stream. Lua numbers are doubles, exact up to 2^53; they are formatted
 * with %.0f because tostring() would print 1.8e+15.
 */

/**
 * KEYS = last, bytes; ARGV = prefix, byte quota, event quota, total cap, then 8 per event: channel,
 * at, id, headers, query, body, seal, size. → cursor | -1 gone | -2 full | -3 store full.
 */
export const APPEND = `
local prefix, quota, quotaEvents, cap = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
local last = tonumber(redis.call('GET', KEYS[1]) or '0')
local total = tonumber(redis.call('GET', KEYS[2]) or '0')
local out = {}
for o = 5, #ARGV, 8 do
  local ch = prefix .. 'ch:' .. ARGV[o]
  local at, size = tonumber(ARGV[o + 1]), tonumber(ARGV[o + 7])
  if redis.call('EXISTS', ch) == 0 then
    out[#out + 1] = -1
  elseif (quota > 0 and tonumber(redis.call('HGET', ch, 'bytes') or '0') + size > quota)
      or (quotaEvents > 0 and redis.call('XLEN', prefix .. 'ev:' .. ARGV[o]) >= quotaEvents) then
    redis.call('HSET', ch, 'fullAt', ARGV[o + 1])
    out[#out + 1] = -2
  elseif cap > 0 and total + size > cap then
    out[#out + 1] = -3
  else
    last = math.max(at * 1024, last + 1)
    local id = string.format('%.0f', last)
    redis.call('XADD', prefix .. 'ev:' .. ARGV[o], id .. '-0',
      'id', ARGV[o + 2], 'at', ARGV[o + 1], 'h', ARGV[o + 3], 'q', ARGV[o + 4], 'b', ARGV[o + 5], 's', ARGV[o + 6], 'n', ARGV[o + 7])
    redis.call('HINCRBY', ch, 'bytes', size)
    redis.call('HSET', ch, 'lastEventAt', ARGV[o + 1], 'last', id)
    total = total + size
    out[#out + 1] = last
  end
end
redis.call('SET', KEYS[1], string.format('%.0f', last))
redis.call('SET', KEYS[2], string.format('%.0f', total))
return out
`;

/**
 * Deletes a channel's entries with id below ARGV[3] (a stream id) and gives their bytes back.
 * ARGV = prefix, channel, threshold, clearFull (1/0). → entries deleted.
 */
export const TRIM = `
local ch, stream = ARGV[1] .. 'ch:' .. ARGV[2], ARGV[1] .. 'ev:' .. ARGV[2]
local n, freed, start = 0, 0, '-'
while true do
  local entries = redis.call('XRANGE', stream, start, '(' .. ARGV[3], 'COUNT', 256)
  for _, e in ipairs(entries) do
    local f = e[2]
    for i = 1, #f, 2 do
      if f[i] == 'n' then freed = freed + tonumber(f[i + 1]) end
    end
  end
  n = n + #entries
  if #entries < 256 then break end
  start = '(' .. entries[#entries][1]
end
if n > 0 then redis.call('XTRIM', stream, 'MINID', ARGV[3]) end
if freed > 0 then redis.call('DECRBY', ARGV[1] .. 'bytes', freed) end
if redis.call('EXISTS', ch) == 1 then
  if freed > 0 then redis.call('HINCRBY', ch, 'bytes', -freed) end
  if ARGV[4] == '1' then redis.call('HDEL', ch, 'fullAt') end
end
return n
`;

/** HSET only when the hash exists (an update must not resurrect a deleted channel). KEYS[1] = hash. → 1 | 0. */
export const UPDATE = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('HSET', KEYS[1], unpack(ARGV))
return 1
`;

/** Creates the channel hash only when absent. KEYS = hash, channel set; ARGV[1] = id, then field/value pairs. → 1 | 0. */
export const CREATE = `
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('HSET', KEYS[1], unpack(ARGV, 2))
redis.call('SADD', KEYS[2], ARGV[1])
return 1
`;

/** Deletes a channel, its events and their bytes from the total. ARGV = prefix, channel id. → 1 | 0. */
export const DELETE = `
local ch = ARGV[1] .. 'ch:' .. ARGV[2]
local bytes = tonumber(redis.call('HGET', ch, 'bytes') or '0')
local gone = redis.call('DEL', ch)
redis.call('DEL', ARGV[1] .. 'ev:' .. ARGV[2])
redis.call('SREM', ARGV[1] .. 'channels', ARGV[2])
if gone == 1 and bytes > 0 then redis.call('DECRBY', ARGV[1] .. 'bytes', bytes) end
return gone
`;

/**
 * XRANGE that leaves big bodies in Redis: an entry whose body (`b`) is longer than ARGV[3] bytes comes
 * back with `b` empty and an extra field `o` holding its length. KEYS[1] = stream; ARGV = start id,
 * count, max body bytes. → XRANGE's reply.
 */
export const LIST = `
local entries = redis.call('XRANGE', KEYS[1], ARGV[1], '+', 'COUNT', tonumber(ARGV[2]))
local max = tonumber(ARGV[3])
for _, e in ipairs(entries) do
  local f = e[2]
  local n = #f
  for i = 1, n, 2 do
    if f[i] == 'b' and string.len(f[i + 1]) > max then
      local len = string.len(f[i + 1])
      f[i + 1] = ''
      f[#f + 1] = 'o'
      f[#f + 1] = string.format('%d', len)
    end
  end
end
return entries
`;
