-- Leaky bucket: holds up to queue units, leaking at a fixed rate. With max_wait 0 it meters (a request that
-- does not fit is rejected); otherwise it shapes: a request leaves once what is ahead of it has leaked, and is
-- rejected when the bucket is full or that wait would exceed max_wait.
-- KEYS[1]: the bucket, the time (microseconds) it will be empty; absent means empty.
-- ARGV: queue, leak amount, leak period (microseconds), cost, max_wait (microseconds), mode.
--   mode 'acquire' adds cost or refuses; 'charge' adds cost even beyond the queue; 'give-back' takes cost out again
--   (a delayed request that left before its turn), never below empty.
-- Returns {verdict (0 allowed, 1 delayed, 2 rejected), limit, remaining, reset us, wait us}.
local queue = tonumber(ARGV[1])
local per_unit = tonumber(ARGV[3]) / tonumber(ARGV[2])
local cost = tonumber(ARGV[4])
local max_wait = tonumber(ARGV[5])
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000000 + tonumber(time[2])

local empty_at = math.max(now, tonumber(redis.call('GET', KEYS[1])) or now)
if ARGV[6] == 'give-back' then
  empty_at = math.max(now, empty_at - cost * per_unit)
  redis.call('SET', KEYS[1], empty_at, 'PX', math.ceil((empty_at - now) / 1000) + 1)
  return {0, queue, 0, 0, 0}
end
local ahead = empty_at - now
local level = ahead / per_unit

local shapes = max_wait > 0
local verdict, wait = 0, 0
if shapes and ahead > 0 then
  verdict, wait = 1, ahead
end
if ARGV[6] ~= 'charge' then
  local overflow = (level + cost - queue) * per_unit
  local late = shapes and ahead - max_wait or 0
  if overflow > 0 or late > 0 then
    verdict, wait = 2, math.max(overflow, late)
  end
end
if verdict ~= 2 then
  empty_at = empty_at + cost * per_unit
end

local reset = empty_at - now
redis.call('SET', KEYS[1], empty_at, 'PX', math.ceil(reset / 1000) + 1)
return {verdict, queue, math.floor(math.max(0, queue - reset / per_unit)), math.ceil(reset), math.ceil(wait)}
