package io.gatehouse.upstream.resilience;

import io.gatehouse.upstream.resilience.CircuitBreaker.WindowCounts;
import io.gatehouse.internal.TimeSlices;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Requests, failures and slow calls over the last {@code buckets} time slices, shared by every event loop without
 * locks ({@link TimeSlices}).
 */
final class RollingWindow {

    private static final class Bucket {
        final AtomicLong requests = new AtomicLong();
        final AtomicLong failures = new AtomicLong();
        final AtomicLong slow = new AtomicLong();
    }

    private final TimeSlices<Bucket> slices;

    RollingWindow(long windowNanos, int buckets) {
        this.slices = new TimeSlices<>(windowNanos, buckets, Bucket::new);
    }

    /** Counts one outcome at time {@code now}; an outcome older than the whole window is dropped. */
    void record(long now, boolean failed, boolean slow) {
        Bucket bucket = slices.at(now);
        if (bucket == null) {
            return;
        }
        // requests first: a reader that sees a failure or slow call then sees its request too
        bucket.requests.incrementAndGet();
        if (failed) {
            bucket.failures.incrementAndGet();
        }
        if (slow) {
            bucket.slow.incrementAndGet();
        }
    }

    /** The counts of the buckets still inside the window at {@code now}. */
    WindowCounts counts(long now) {
        long requests = 0;
        long failures = 0;
        long slow = 0;
        for (int i = 0; i < slices.count(); i++) {
            Bucket bucket = slices.live(i, now);
            if (bucket != null) {
                failures += bucket.failures.get();
                slow += bucket.slow.get();
                requests += bucket.requests.get();
            }
        }
        return new WindowCounts(requests, failures, slow);
    }
}
