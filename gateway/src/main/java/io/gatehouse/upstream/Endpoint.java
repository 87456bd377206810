package io.gatehouse.upstream;

import io.gatehouse.upstream.health.EndpointHealth;
import io.gatehouse.upstream.lb.LatencyEwma;
import io.gatehouse.upstream.pool.EndpointPools;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A backend address of an upstream with its pools and what the node has learned about it. The same object lives
 * on across config reloads and discovery updates for as long as its upstream keeps listing it, so its
 * connections, health, ejections and balancer state survive.
 */
public final class Endpoint {

    /** Longs per event loop in {@link #loopState}: a cache line, so loops do not false-share. */
    private static final int STRIDE = 8;

    private final String authority;
    private final InetSocketAddress address;
    private final EndpointPools pools;
    private final AtomicInteger active = new AtomicInteger();
    private final LatencyEwma latency = new LatencyEwma();
    private final EndpointHealth health = new EndpointHealth();
    private final long[] loopState;
    private volatile int weight;
    /** Since when the endpoint ramps up to its full share (slow start); {@link Long#MIN_VALUE} for not ramping. */
    private volatile long rampStartNanos = Long.MIN_VALUE;

    public Endpoint(String authority, InetSocketAddress address, int weight, EndpointPools pools, int loops) {
        this.authority = authority;
        this.address = address;
        this.weight = weight;
        this.pools = pools;
        this.loopState = new long[Math.max(1, loops) * STRIDE];
    }

    public String authority() {
        return authority;
    }

    /** The host the endpoint was configured with (a discovered endpoint's is its IP): the name TLS checks. */
    public String host() {
        return hostOf(authority);
    }

    /** The host of {@code host:port} or {@code [v6]:port}. */
    public static String hostOf(String authority) {
        if (authority.startsWith("[")) {
            return authority.substring(1, authority.indexOf(']'));
        }
        int colon = authority.lastIndexOf(':');
        return colon < 0 ? authority : authority.substring(0, colon);
    }

    public InetSocketAddress address() {
        return address;
    }

    public int weight() {
        return weight;
    }

    void weight(int weight) {
        this.weight = weight;
    }

    public EndpointPools pools() {
        return pools;
    }

    /** Requests in flight to this endpoint from every event loop. */
    public int active() {
        return active.get();
    }

    public void requestStarted() {
        active.incrementAndGet();
    }

    public void requestEnded() {
        active.decrementAndGet();
    }

    public LatencyEwma latency() {
        return latency;
    }

    public EndpointHealth health() {
        return health;
    }

    /** A balancer's per-event-loop scratch value for this endpoint (smooth weighted round robin's current weight). */
    public long loopState(int loopIndex) {
        return loopState[loopIndex * STRIDE];
    }

    public void loopState(int loopIndex, long value) {
        loopState[loopIndex * STRIDE] = value;
    }

    public long rampStartNanos() {
        return rampStartNanos;
    }

    /** Starts slow start from {@code nowNanos}: the endpoint is new or has just recovered. */
    public void startRamp(long nowNanos) {
        rampStartNanos = nowNanos;
    }

    @Override
    public String toString() {
        return authority;
    }
}
