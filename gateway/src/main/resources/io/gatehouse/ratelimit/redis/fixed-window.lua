-- Fixed window: at most limit per window, windows aligned to the epoch on the Redis server's clock.
-- KEYS[1]: the count, a hash {start, count}; a count of another window counts as zero.
-- ARGV: limit, window (microseconds), cost, mode ('acquire' counts cost or refuses; 'charge' counts it anyway).
-- Returns {verdict (0 allowed, 2 rejected), limit, remaining, reset us, wait us}.
local limit = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local cost = tonumber(ARGV[3])
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000000 + tonumber(time[2])
local start = now - now % window
local reset = start + window - now

local count = 0
local state = redis.call('HMGET', KEYS[1], 'start', 'count')
if tonumber(state[1]) == start then
  count = tonumber(state[2])
end

local verdict, wait = 0, 0
if ARGV[4] == 'charge' or count + cost <= limit then
  count = count + cost
else
  verdict, wait = 2, reset
end

redis.call('HSET', KEYS[1], 'start', start, 'count', count)
redis.call('PEXPIRE', KEYS[1], math.ceil(reset / 1000) + 1)
return {verdict, limit, math.max(0, limit - count), reset, wait}
