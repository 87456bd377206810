package io.gatehouse.upstream.resilience;

import io.gatehouse.upstream.resilience.CircuitBreaker.WindowCounts;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Requests, failures and slow calls over the last {@code buckets} time slices, shared by every event loop without
 * locks. Each slot holds a bucket stamped with its slice (its epoch); the first recorder of a newer slice swaps in
 * a fresh bucket with one CAS, so a count never lands in a bucket that another thread is clearing, and a reader
 * skips buckets whose epoch has left the window.
 */
final class RollingWindow {

    private static final class Bucket {
        final long epoch;
        final AtomicLong requests = new AtomicLong();
        final AtomicLong failures = new AtomicLong();
        final AtomicLong slow = new AtomicLong();

        Bucket(long epoch) {
            this.epoch = epoch;
        }
    }

    private final long bucketNanos;
    private final AtomicReferenceArray<Bucket> slots;

    RollingWindow(long windowNanos, int buckets) {
        if (buckets < 1 || windowNanos < buckets) {
            throw new IllegalArgumentException("expected at least one bucket and at least 1ns per bucket, got "
                    + buckets + " buckets over " + windowNanos + "ns");
        }
        this.bucketNanos = windowNanos / buckets;
        this.slots = new AtomicReferenceArray<>(buckets);
    }

    /** Counts one outcome at time {@code now}; an outcome older than the whole window is dropped. */
    void record(long now, boolean failed, boolean slow) {
        long epoch = Math.floorDiv(now, bucketNanos);
        int index = (int) Math.floorMod(epoch, (long) slots.length());
        while (true) {
            Bucket bucket = slots.get(index);
            if (bucket != null && bucket.epoch > epoch) {
                return;
            }
            if (bucket == null || bucket.epoch < epoch) {
                slots.compareAndSet(index, bucket, new Bucket(epoch));
                continue;
            }
            // requests first: a reader that sees a failure or slow call then sees its request too
            bucket.requests.incrementAndGet();
            if (failed) {
                bucket.failures.incrementAndGet();
            }
            if (slow) {
                bucket.slow.incrementAndGet();
            }
            return;
        }
    }

    /** The counts of the buckets still inside the window at {@code now}. */
    WindowCounts counts(long now) {
        long oldestLive = Math.floorDiv(now, bucketNanos) - slots.length() + 1;
        long requests = 0;
        long failures = 0;
        long slow = 0;
        for (int i = 0; i < slots.length(); i++) {
            Bucket bucket = slots.get(i);
            if (bucket != null && bucket.epoch >= oldestLive) {
                failures += bucket.failures.get();
                slow += bucket.slow.get();
                requests += bucket.requests.get();
            }
        }
        return new WindowCounts(requests, failures, slow);
    }
}
