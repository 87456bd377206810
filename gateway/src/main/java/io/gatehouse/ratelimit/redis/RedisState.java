package io.gatehouse.ratelimit.redis;

/** Whether a Redis server is usable for rate limits. */
public enum RedisState {
    /** Connected, and its circuit is closed: calls go to Redis. */
    UP,
    /** Not connected, or its circuit is open: requests get their limiter's failure policy. */
    DOWN
}
