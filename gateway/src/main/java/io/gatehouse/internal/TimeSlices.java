package io.gatehouse.internal;

import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Supplier;

/**
 * A rolling window of {@code count} time slices, each with a bucket of counters, shared by every event loop without
 * locks. Each slot holds a bucket stamped with its slice (its epoch); the first recorder of a newer slice swaps in
 * a fresh bucket with one CAS, so a count never lands in a bucket that another thread is clearing, and a reader
 * skips buckets whose slice has left the window. Recording allocates only that bucket, once per slice.
 */
public final class TimeSlices<B> {

    private record Stamped<B>(long epoch, B bucket) {
    }

    private final long sliceNanos;
    private final AtomicReferenceArray<Stamped<B>> slots;
    private final Supplier<B> fresh;

    public TimeSlices(long windowNanos, int count, Supplier<B> fresh) {
        if (count < 1 || windowNanos < count) {
            throw new IllegalArgumentException("expected at least one slice and at least 1ns per slice, got "
                    + count + " slices over " + windowNanos + "ns");
        }
        this.sliceNanos = windowNanos / count;
        this.slots = new AtomicReferenceArray<>(count);
        this.fresh = fresh;
    }

    /** The bucket to count something that happened at {@code now} in; null when that is older than the window. */
    public B at(long now) {
        long epoch = Math.floorDiv(now, sliceNanos);
        int index = (int) Math.floorMod(epoch, (long) slots.length());
        while (true) {
            Stamped<B> slot = slots.get(index);
            if (slot != null && slot.epoch() > epoch) {
                return null;
            }
            if (slot != null && slot.epoch() == epoch) {
                return slot.bucket();
            }
            slots.compareAndSet(index, slot, new Stamped<>(epoch, fresh.get()));
        }
    }

    /** How many slices the window has; read them with {@link #live}. */
    public int count() {
        return slots.length();
    }

    /** The bucket in slot {@code index} if its slice is still inside the window at {@code now}; else null. */
    public B live(int index, long now) {
        Stamped<B> slot = slots.get(index);
        long oldestLive = Math.floorDiv(now, sliceNanos) - slots.length() + 1;
        return slot != null && slot.epoch() >= oldestLive ? slot.bucket() : null;
    }
}
