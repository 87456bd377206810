package io.gatehouse.model;

/**
 * Fixed latency buckets for percentile estimates: four per power of two of microseconds, so a bucket spans at most
 * a quarter of its lower bound (about 19% between neighbours' bounds), from 1 µs up to about two hours.
 */
final class LatencyBuckets {

    static final int COUNT = 128;
    private static final int SUB_BITS = 2;
    private static final int SUBS = 1 << SUB_BITS;

    private LatencyBuckets() {
    }

    static int index(long nanos) {
        long micros = Math.max(0, nanos / 1000);
        if (micros < 2 * SUBS) {
            return (int) micros;
        }
        int octave = 63 - Long.numberOfLeadingZeros(micros);
        int sub = (int) (micros >>> (octave - SUB_BITS)) & (SUBS - 1);
        return Math.min(COUNT - 1, SUBS * (octave - 1) + sub);
    }

    /** The exclusive upper bound of bucket {@code index}, in nanoseconds. */
    static long upperBoundNanos(int index) {
        if (index < 2 * SUBS) {
            return (index + 1) * 1000L;
        }
        int octave = index / SUBS + 1;
        int sub = index % SUBS;
        return ((long) (SUBS + sub + 1) << (octave - SUB_BITS)) * 1000L;
    }
}
