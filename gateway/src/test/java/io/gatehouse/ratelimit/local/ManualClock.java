package io.gatehouse.ratelimit.local;

import io.gatehouse.internal.NanoClock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** A clock that moves only when a test moves it; safe to read from many threads. */
public final class ManualClock implements NanoClock {

    private final AtomicLong now;

    public ManualClock(long start) {
        now = new AtomicLong(start);
    }

    @Override
    public long nanoTime() {
        return now.get();
    }

    public void advance(Duration duration) {
        advanceNanos(duration.toNanos());
    }

    public void advanceNanos(long nanos) {
        now.addAndGet(nanos);
    }

    public void set(long nanos) {
        now.set(nanos);
    }
}
