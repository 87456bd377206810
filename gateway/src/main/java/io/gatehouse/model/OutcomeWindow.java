package io.gatehouse.model;

import io.gatehouse.internal.TimeSlices;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Requests, errors and a latency histogram of one version over the last {@code window}, in ten time slices, shared
 * by every event loop without locks ({@link TimeSlices}).
 */
final class OutcomeWindow {

    static final int SLICES = 10;
    private static final double PERCENTILE = 0.99;

    /** What a window held when read; {@code p99Nanos} is a bucket's upper bound, 0 without requests. */
    record Summary(long requests, long errors, long p99Nanos) {

        double errorRate() {
            return requests == 0 ? 0 : (double) errors / requests;
        }
    }

    private static final class Bucket {
        final AtomicLong requests = new AtomicLong();
        final AtomicLong errors = new AtomicLong();
        final AtomicLongArray latency = new AtomicLongArray(LatencyBuckets.COUNT);
    }

    private final long windowNanos;
    private final TimeSlices<Bucket> slices;

    OutcomeWindow(long windowNanos) {
        this.windowNanos = windowNanos;
        this.slices = new TimeSlices<>(windowNanos, SLICES, Bucket::new);
    }

    long windowNanos() {
        return windowNanos;
    }

    /** Counts one finished request at {@code now}; one older than the whole window is dropped. */
    void record(long now, boolean error, long latencyNanos) {
        Bucket bucket = slices.at(now);
        if (bucket == null) {
            return;
        }
        bucket.latency.incrementAndGet(LatencyBuckets.index(latencyNanos));
        if (error) {
            bucket.errors.incrementAndGet();
        }
        bucket.requests.incrementAndGet();
    }

    Summary summary(long now) {
        long requests = 0;
        long errors = 0;
        long[] latency = new long[LatencyBuckets.COUNT];
        long timed = 0;
        for (int i = 0; i < SLICES; i++) {
            Bucket bucket = slices.live(i, now);
            if (bucket != null) {
                requests += bucket.requests.get();
                errors += bucket.errors.get();
                for (int b = 0; b < latency.length; b++) {
                    long count = bucket.latency.get(b);
                    latency[b] += count;
                    timed += count;
                }
            }
        }
        return new Summary(requests, Math.min(errors, requests), percentile(latency, timed));
    }

    private static long percentile(long[] latency, long total) {
        long rank = (long) Math.ceil(total * PERCENTILE);
        long seen = 0;
        for (int b = 0; b < latency.length && total > 0; b++) {
            seen += latency[b];
            if (seen >= rank) {
                return LatencyBuckets.upperBoundNanos(b);
            }
        }
        return 0;
    }
}
