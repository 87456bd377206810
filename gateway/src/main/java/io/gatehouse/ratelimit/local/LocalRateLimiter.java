package io.gatehouse.ratelimit.local;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.gatehouse.config.LimiterConfig;
import io.gatehouse.internal.NanoClock;
import io.gatehouse.ratelimit.LimitDecision;
import io.gatehouse.ratelimit.RateLimiter;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * A limiter whose counts live on this node. Each key's state is an immutable value in its own atomic reference,
 * decided on and replaced in one compare-and-set, so concurrent requests on one key never get more than the limit
 * and requests on different keys never contend. Keys live in a cache bounded by {@code maxKeys} (least recently
 * used evicted first, roughly) that forgets a key unused for {@code idleExpiry}, so a flood of distinct keys cannot
 * exhaust memory (a key evicted while in use starts again from nothing, but eviction picks keys little used).
 * A reload that keeps the algorithm's kind {@linkplain #reconfigure reconfigures} it in place, and each key keeps
 * what it has used.
 */
public final class LocalRateLimiter implements RateLimiter {

    private final NanoClock clock;
    private final Cache<String, AtomicReference<Object>> keys;
    private final Function<String, AtomicReference<Object>> newKey = key -> new AtomicReference<>();
    private volatile Setup setup;

    /** The config and the counter built from it, swapped together. */
    private record Setup(LimiterConfig config, Counter<?> counter) {
    }

    public LocalRateLimiter(LimiterConfig config, NanoClock clock) {
        this.clock = clock;
        this.setup = new Setup(config, Counter.of(config.algorithm()));
        this.keys = Caffeine.newBuilder()
                .maximumSize(config.maxKeys())
                .expireAfterAccess(config.idleExpiry())
                .ticker(clock::nanoTime)
                // Maintenance (eviction, expiry) runs amortised on the calling thread under a try-lock rather
                // than being handed to the common pool, which woke another thread every few requests.
                .executor(Runnable::run)
                .build();
    }

    @Override
    public LimiterConfig config() {
        return setup.config();
    }

    @Override
    public CompletionStage<LimitDecision> acquire(String key, long cost) {
        checkCost(cost);
        return CompletableFuture.completedFuture(acquire(setup.counter(), keys.get(key, newKey), cost));
    }

    @Override
    public void charge(String key, long cost) {
        checkCost(cost);
        charge(setup.counter(), keys.get(key, newKey), cost);
    }

    @Override
    public void giveBack(String key, long cost) {
        checkCost(cost);
        AtomicReference<Object> state = keys.getIfPresent(key);
        if (state != null) {
            giveBack(setup.counter(), state, cost);
        }
    }

    /** Whether {@link #reconfigure} takes {@code next}: its algorithm is of the same kind, so states carry over. */
    public boolean canReconfigure(LimiterConfig next) {
        return next.algorithm().getClass() == setup.config().algorithm().getClass();
    }

    /**
     * Applies new numbers (limits, rates, windows, key bounds) in place, keeping every key's state; a key's next
     * request converts it to the new numbers. A leaky bucket may switch between metering and shaping.
     *
     * @throws IllegalArgumentException when the algorithm is of another kind ({@link #canReconfigure})
     */
    public void reconfigure(LimiterConfig next) {
        if (!canReconfigure(next)) {
            throw new IllegalArgumentException("limiter \"" + next.name() + "\" can be reconfigured in place only "
                    + "with the same kind of algorithm: expected " + setup.config().algorithm().getClass()
                    .getSimpleName() + ", got " + next.algorithm());
        }
        Counter<?> counter = Counter.of(next.algorithm());
        keys.policy().eviction().ifPresent(eviction -> eviction.setMaximum(next.maxKeys()));
        keys.policy().expireAfterAccess().ifPresent(expiry -> expiry.setExpiresAfter(next.idleExpiry()));
        setup = new Setup(next, counter);
    }

    /** Keys tracked, once pending evictions and expiries have run. */
    public long trackedKeys() {
        keys.cleanUp();
        return keys.estimatedSize();
    }

    private <S> LimitDecision acquire(Counter<S> counter, AtomicReference<Object> key, long cost) {
        while (true) {
            Object stored = key.get();
            // Read after the state, so that no update that another thread made to it can be later than now.
            long now = clock.nanoTime();
            S current = current(counter, stored, now);
            S next = counter.taken(current, now, cost);
            if (next == null) {
                return counter.rejected(current, now, cost);
            }
            if (key.compareAndSet(stored, next)) {
                return counter.admitted(current, next, now);
            }
        }
    }

    private <S> void charge(Counter<S> counter, AtomicReference<Object> key, long cost) {
        while (true) {
            Object stored = key.get();
            long now = clock.nanoTime();
            if (key.compareAndSet(stored, counter.charged(current(counter, stored, now), now, cost))) {
                return;
            }
        }
    }

    private <S> void giveBack(Counter<S> counter, AtomicReference<Object> key, long cost) {
        while (true) {
            Object stored = key.get();
            long now = clock.nanoTime();
            if (stored == null
                    || key.compareAndSet(stored, counter.givenBack(current(counter, stored, now), now, cost))) {
                return;
            }
        }
    }

    // A key only ever holds states of one kind of counter: reconfigure() refuses another kind.
    @SuppressWarnings("unchecked")
    private static <S> S current(Counter<S> counter, Object stored, long now) {
        return stored == null ? counter.fresh(now) : counter.current((S) stored, now);
    }

    private static void checkCost(long cost) {
        if (cost < 0) {
            throw new IllegalArgumentException("expected a cost of at least 0, got " + cost);
        }
    }
}
