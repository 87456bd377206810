package io.gatehouse.upstream;

import io.gatehouse.upstream.lb.PickRequest;
import io.gatehouse.upstream.resilience.CircuitBreaker;

/**
 * One try of a request against an upstream: admitted by its limits and breaker, pointed at an endpoint, reported
 * once its outcome is known, and finished when it is over, which gives back everything it took. Used on one event
 * loop.
 */
public final class UpstreamTry {

    private final Upstream upstream;
    private final CircuitBreaker breaker;
    /** Ties the try's result to the breaker period that admitted it. */
    private final CircuitBreaker.Permit permit;
    private final Refusal refusal;
    private Endpoint endpoint;
    private long startNanos;
    private boolean reported;
    private boolean finished;

    UpstreamTry(Upstream upstream, CircuitBreaker breaker, CircuitBreaker.Permit permit, Refusal refusal) {
        this.upstream = upstream;
        this.breaker = breaker;
        this.permit = permit;
        this.refusal = refusal;
        this.finished = refusal != null;
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

    /**
     * What the try came to, known at the response head (or the failure): health, breaker and latency learn from
     * it. Only the first report counts.
     */
    public void report(TryOutcome outcome) {
        if (reported || finished) {
            return;
        }
        reported = true;
        if (breaker != null) {
            breaker.onResult(permit, outcome);
        }
        upstream.learn(endpoint, outcome);
    }

    /**
     * The try is over (its response streamed to the end, or it was given up): gives back its active-request
     * slots, and a breaker permit that no report used. Later calls do nothing.
     */
    public void finish() {
        if (finished) {
            return;
        }
        finished = true;
        if (!reported && breaker != null) {
            breaker.onAbandoned(permit);
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
