-- Token bucket: up to capacity tokens, refilled continuously; a request takes cost tokens.
-- KEYS[1]: the bucket, a hash {tokens, at}; absent means full.
-- ARGV: capacity, refill amount, refill period (microseconds), cost, wanted, mode.
--   wanted >= cost: a node that batches takes up to wanted tokens at once when there are that many.
--   mode 'acquire' takes the tokens or refuses; 'charge' takes cost even into debt.
-- Returns {verdict (0 allowed, 2 rejected), limit, remaining, reset us, wait us, tokens granted}.
local capacity = tonumber(ARGV[1])
local per_token = tonumber(ARGV[3]) / tonumber(ARGV[2])
local cost = tonumber(ARGV[4])
local wanted = tonumber(ARGV[5])
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000000 + tonumber(time[2])

local tokens = capacity
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
if state[1] then
  tokens = math.min(capacity, tonumber(state[1]) + math.max(0, now - tonumber(state[2])) / per_token)
end

local verdict, granted, wait = 0, 0, 0
if ARGV[6] == 'charge' then
  granted = cost
elseif tokens >= cost then
  granted = math.max(cost, math.min(wanted, math.floor(tokens)))
else
  verdict = 2
  wait = math.ceil((cost - tokens) * per_token)
end
tokens = tokens - granted

-- the bucket is full again once the key has expired
local reset = math.ceil((capacity - tokens) * per_token)
redis.call('HSET', KEYS[1], 'tokens', tokens, 'at', now)
redis.call('PEXPIRE', KEYS[1], math.ceil(reset / 1000) + 1)
return {verdict, capacity, math.floor(math.max(0, tokens)), reset, wait, granted}
