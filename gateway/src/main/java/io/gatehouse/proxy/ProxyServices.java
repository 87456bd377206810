package io.gatehouse.proxy;

import io.gatehouse.observe.AccessLog;
import io.gatehouse.observe.GatewayMetrics;
import io.gatehouse.transport.EventLoops;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/** The process-wide services the data plane uses; one instance shared by every connection. */
public final class ProxyServices {

    private final AtomicReference<GatewaySnapshot> snapshot;
    private final EventLoops loops;
    private final GatewayMetrics metrics;
    private final Supplier<AccessLog> accessLog;
    private volatile boolean draining;

    public ProxyServices(AtomicReference<GatewaySnapshot> snapshot, EventLoops loops, GatewayMetrics metrics,
                         Supplier<AccessLog> accessLog) {
        this.snapshot = snapshot;
        this.loops = loops;
        this.metrics = metrics;
        this.accessLog = accessLog;
    }

    public GatewaySnapshot snapshot() {
        return snapshot.get();
    }

    public EventLoops loops() {
        return loops;
    }

    public GatewayMetrics metrics() {
        return metrics;
    }

    public AccessLog accessLog() {
        return accessLog.get();
    }

    /** While draining, every response carries {@code Connection: close}. */
    public boolean draining() {
        return draining;
    }

    public void startDraining() {
        draining = true;
    }
}
