package io.gatehouse.ratelimit.redis;

import io.gatehouse.internal.NanoClock;
import io.gatehouse.ratelimit.LimitDecision;
import io.gatehouse.ratelimit.LimitDecision.Verdict;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The tokens this node took from a Redis token bucket beyond what a request needed, per key, spent locally
 * without calling Redis. At most {@code batch} are held per key (more, from concurrent takes, are dropped), and
 * for at most {@code maxKeys} keys: dropping tokens only admits less.
 */
final class TokenBatches {

    private static final class Held {
        final AtomicLong tokens = new AtomicLong();
        volatile long fullAtNanos;
    }

    private final long capacity;
    private final long batch;
    private final long maxKeys;
    private final NanoClock clock;
    private final ConcurrentHashMap<String, Held> held = new ConcurrentHashMap<>();

    TokenBatches(long capacity, long batch, long maxKeys, NanoClock clock) {
        this.capacity = capacity;
        this.batch = batch;
        this.maxKeys = maxKeys;
        this.clock = clock;
    }

    long batch() {
        return batch;
    }

    /**
     * Takes {@code cost} from the tokens held for {@code key}: the decision (remaining counts the tokens this node
     * still holds), or null when it holds too few and must ask Redis.
     */
    LimitDecision take(String key, long cost) {
        Held entry = held.get(key);
        if (entry == null) {
            return null;
        }
        long left;
        while (true) {
            long tokens = entry.tokens.get();
            if (tokens < cost) {
                return null;
            }
            if (entry.tokens.compareAndSet(tokens, tokens - cost)) {
                left = tokens - cost;
                break;
            }
        }
        if (left == 0) {
            // tokens kept into an entry being removed are lost: this node then admits less, never more
            held.remove(key, entry);
        }
        long reset = Math.max(0, entry.fullAtNanos - clock.nanoTime());
        return new LimitDecision(Verdict.ALLOWED, capacity, left, reset, 0);
    }

    /** Keeps the {@code tokens} a Redis grant left over for {@code key}, whose bucket is full in {@code resetNanos}. */
    void keep(String key, long tokens, long resetNanos) {
        if (tokens <= 0) {
            return;
        }
        Held entry = held.get(key);
        if (entry == null) {
            if (held.size() >= maxKeys) {
                return;
            }
            entry = held.computeIfAbsent(key, k -> new Held());
        }
        entry.fullAtNanos = clock.nanoTime() + resetNanos;
        entry.tokens.accumulateAndGet(tokens, (have, more) -> Math.min(batch, have + more));
    }
}
