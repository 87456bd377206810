package io.gatehouse.ratelimit.redis;

import io.gatehouse.internal.NanoClock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The circuit around one Redis server, shared by every limiter and event loop using it, without locks. After
 * {@code failureThreshold} consecutive failed calls it opens: no call goes to Redis for {@code firstOpen}, so
 * requests get their failure policy at once instead of waiting out a timeout each. Then one probe goes through:
 * its success closes the circuit, its failure opens it again for twice as long, up to {@code maxOpen}. Any
 * success closes it, even that of a call made before it opened: Redis answered.
 */
final class RedisCircuit {

    private static final Logger LOG = LoggerFactory.getLogger(RedisCircuit.class);

    record Settings(int failureThreshold, Duration firstOpen, Duration maxOpen) {

        static final Settings DEFAULT = new Settings(3, Duration.ofMillis(100), Duration.ofSeconds(2));

        Settings {
            if (failureThreshold < 1 || firstOpen.isNegative() || maxOpen.compareTo(firstOpen) < 0) {
                throw new IllegalArgumentException("expected a failure threshold of at least 1 and"
                        + " 0 <= firstOpen <= maxOpen, got " + failureThreshold + ", " + firstOpen + ", " + maxOpen);
            }
        }
    }

    /** {@code failures} stops counting at the threshold; from there on the circuit is open. */
    private record State(int failures, long openUntil, long openNanos, boolean probing) {
    }

    private final String name;
    private final Settings settings;
    private final NanoClock clock;
    private final State closed;
    private final AtomicReference<State> state;

    /** {@code name} identifies the Redis server in logs (never with its password). */
    RedisCircuit(String name, Settings settings, NanoClock clock) {
        this.name = name;
        this.settings = settings;
        this.clock = clock;
        this.closed = new State(0, 0, settings.firstOpen().toNanos(), false);
        this.state = new AtomicReference<>(closed);
    }

    /** Whether a call may go to Redis now; once open, the first caller after the open interval is the probe. */
    boolean admits() {
        while (true) {
            State current = state.get();
            if (current.failures < settings.failureThreshold()) {
                return true;
            }
            if (current.probing || clock.nanoTime() - current.openUntil < 0) {
                return false;
            }
            if (state.compareAndSet(current, new State(current.failures, current.openUntil, current.openNanos,
                    true))) {
                return true;
            }
        }
    }

    boolean isOpen() {
        return state.get().failures >= settings.failureThreshold();
    }

    void onSuccess() {
        State current = state.get();
        if (current != closed && state.compareAndSet(current, closed) && current.failures >= settings
                .failureThreshold()) {
            LOG.info("Redis {} answers again: calling it again", name);
        }
    }

    void onFailure() {
        while (true) {
            State current = state.get();
            long now = clock.nanoTime();
            int threshold = settings.failureThreshold();
            State next;
            if (current.failures + 1 < threshold) {
                next = new State(current.failures + 1, 0, current.openNanos, false);
            } else if (current.failures + 1 == threshold) {
                next = new State(threshold, now + current.openNanos, current.openNanos, false);
            } else if (current.probing) {
                long longer = Math.min(settings.maxOpen().toNanos(), current.openNanos * 2);
                next = new State(threshold, now + longer, longer, false);
            } else {
                // a call made before the circuit opened: it is open already
                return;
            }
            if (state.compareAndSet(current, next)) {
                if (!current.probing && next.failures == threshold) {
                    LOG.warn("Redis {} failed {} calls in a row: not calling it for {} ms", name, threshold,
                            next.openNanos / 1_000_000);
                }
                return;
            }
        }
    }
}
