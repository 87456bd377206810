package io.gatehouse.upstream.lb;

/**
 * An exponentially weighted moving average of response time that decays with time rather than per sample, so an
 * endpoint that was slow a minute ago is not still judged by it. Updated from every event loop without locks: two
 * racing updates may lose one sample, which an average tolerates.
 */
public final class LatencyEwma {

    /** Samples this old weigh 1/e of a fresh one. */
    static final double DECAY_NANOS = 10e9;

    private volatile double valueNanos;
    private volatile long stampNanos;
    private volatile boolean seeded;

    /** Adds a sample of {@code latencyNanos} taken at {@code nowNanos}. */
    public void record(long latencyNanos, long nowNanos) {
        if (!seeded) {
            valueNanos = latencyNanos;
            stampNanos = nowNanos;
            seeded = true;
            return;
        }
        double weight = Math.exp(-Math.max(0, nowNanos - stampNanos) / DECAY_NANOS);
        valueNanos = valueNanos * weight + latencyNanos * (1 - weight);
        stampNanos = nowNanos;
    }

    /** The average in nanoseconds; 0 before the first sample. */
    public double nanos() {
        return valueNanos;
    }

    public boolean seeded() {
        return seeded;
    }
}
