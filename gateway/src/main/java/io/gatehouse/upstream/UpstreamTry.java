package io.gatehouse.upstream;

import io.gatehouse.upstream.lb.PickRequest;
import io.gatehouse.upstream.resilience.CircuitBreaker;

/**
 * One try of a request against an upstream: admitted by its limits and breaker, then pointed at an endpoint, then
 * ended exactly once with its outcome (or abandoned), which gives back everything it took. Used on one event loop.
 */
public final class UpstreamTry {

    /** Why a try was refused before it reached an endpoint. */
    public enum Refusal { BREAKER_OPEN, MAX_ACTIVE }

    private final Upstream upstream;
    private final CircuitBreaker breaker;
    private final Refusal refusal;
    private Endpoint endpoint;
    private long startNanos;
    private boolean ended;

    UpstreamTry(Upstream upstream, CircuitBreaker breaker, Refusal refusal) {
        this.upstream = upstream;
        this.breaker = breaker;
        this.refusal = refusal;
        this.ended = refusal != null;
    }

    /** Null when admitted. */
    public Refusal refusal() {
        return refusal;
    }

    public Upstream upstream() {
        return upstream;
    }

    /** Picks the endpoint for this try; null when the upstream has no endpoint to offer. */
    public Endpoint pick(PickRequest request) {
        endpoint = upstream.pick(request);
        if (endpoint != null) {
            endpoint.requestStarted();
            startNanos = upstream.clock().nanoTime();
        }
        return endpoint;
    }

    public Endpoint endpoint() {
        return endpoint;
    }

    /** Nanoseconds since the endpoint was picked. */
    public long elapsedNanos() {
        return upstream.clock().nanoTime() - startNanos;
    }

    /** The try ended with {@code outcome}: health, breaker and latency learn from it. Later calls do nothing. */
    public void end(TryOutcome outcome) {
        if (ended) {
            return;
        }
        ended = true;
        if (breaker != null) {
            breaker.onResult(outcome);
        }
        release();
        upstream.learn(endpoint, outcome);
    }

    /** The try ended without an outcome worth learning from (the client left, no endpoint). */
    public void abandon() {
        if (ended) {
            return;
        }
        ended = true;
        if (breaker != null) {
            breaker.onAbandoned();
        }
        release();
    }

    private void release() {
        upstream.limits().endRequest();
        if (endpoint != null) {
            endpoint.requestEnded();
        }
    }
}
