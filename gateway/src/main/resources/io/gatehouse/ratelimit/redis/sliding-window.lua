-- Sliding window: at most limit in any window, estimated from the current aligned window's count plus the
-- previous one's, weighted by how much of the previous window the sliding window still covers.
-- KEYS[1]: the counts, a hash {start, current, previous}; counts of older windows count as zero.
-- ARGV: limit, window (microseconds), cost, mode ('acquire' counts cost or refuses; 'charge' counts it anyway).
-- Returns {verdict (0 allowed, 2 rejected), limit, remaining, reset us, wait us}.
local limit = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local cost = tonumber(ARGV[3])
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000000 + tonumber(time[2])
local start = now - now % window
local left = start + window - now

local current, previous = 0, 0
local state = redis.call('HMGET', KEYS[1], 'start', 'current', 'previous')
local stored = tonumber(state[1])
if stored == start then
  current, previous = tonumber(state[2]), tonumber(state[3])
elseif stored == start - window then
  previous = tonumber(state[2])
end

local estimate = previous * left / window + current
local verdict, wait = 0, 0
if ARGV[4] == 'charge' or estimate + cost <= limit then
  current = current + cost
  estimate = estimate + cost
else
  verdict = 2
  local room = limit - cost - current
  if room >= 0 then
    -- in this window, once enough of the previous one has slid out
    wait = left - window * room / previous
  elseif current > 0 then
    -- in the next window, once enough of this one has slid out
    wait = left + window * (1 - (limit - cost) / current)
  else
    -- more than the limit at once never fits: a retry after a window is told no again, but not never
    wait = left + window
  end
end

local reset = 0
if current > 0 then
  reset = left + window
elseif previous > 0 then
  reset = left
end
redis.call('HSET', KEYS[1], 'start', start, 'current', current, 'previous', previous)
redis.call('PEXPIRE', KEYS[1], math.ceil((left + window) / 1000) + 1)
return {verdict, limit, math.floor(math.max(0, limit - estimate)), reset, math.ceil(wait)}
