package io.gatehouse.model;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Requests, errors and a latency histogram of one version over the last {@code window}, in ten time slices, shared
 * by every event loop without locks. As in the circuit breaker's window, each slot holds a bucket stamped with its
 * slice; the first recorder of a newer slice swaps in a fresh bucket with one CAS, and readers skip buckets whose
 * slice has left the window. Recording allocates only that bucket, once per slice.
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
        final long epoch;
        final AtomicLong requests = new AtomicLong();
        final AtomicLong errors = new AtomicLong();
        final AtomicLongArray latency = new AtomicLongArray(LatencyBuckets.COUNT);

        Bucket(long epoch) {
            this.epoch = epoch;
        }
    }

    private final long windowNanos;
    private final long sliceNanos;
    private final AtomicReferenceArray<Bucket> slots = new AtomicReferenceArray<>(SLICES);

    OutcomeWindow(long windowNanos) {
        if (windowNanos < SLICES) {
            throw new IllegalArgumentException("expected a window of at least " + SLICES + "ns, got " + windowNanos
                    + "ns");
        }
        this.windowNanos = windowNanos;
        this.sliceNanos = windowNanos / SLICES;
    }

    long windowNanos() {
        return windowNanos;
    }

    /** Counts one finished request at {@code now}; one older than the whole window is dropped. */
    void record(long now, boolean error, long latencyNanos) {
        long epoch = Math.floorDiv(now, sliceNanos);
        int index = (int) Math.floorMod(epoch, (long) SLICES);
        while (true) {
            Bucket bucket = slots.get(index);
            if (bucket != null && bucket.epoch > epoch) {
                return;
            }
            if (bucket == null || bucket.epoch < epoch) {
                slots.compareAndSet(index, bucket, new Bucket(epoch));
                continue;
            }
            bucket.latency.incrementAndGet(LatencyBuckets.index(latencyNanos));
            if (error) {
                bucket.errors.incrementAndGet();
            }
            bucket.requests.incrementAndGet();
            return;
        }
    }

    Summary summary(long now) {
        long oldestLive = Math.floorDiv(now, sliceNanos) - SLICES + 1;
        long requests = 0;
        long errors = 0;
        long[] latency = new long[LatencyBuckets.COUNT];
        long timed = 0;
        for (int i = 0; i < SLICES; i++) {
            Bucket bucket = slots.get(i);
            if (bucket != null && bucket.epoch >= oldestLive) {
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
