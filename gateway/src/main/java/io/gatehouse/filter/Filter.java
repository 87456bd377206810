package io.gatehouse.filter;

import io.gatehouse.context.RequestContext;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletionStage;

/**
 * A step on a route's request path. One instance serves every exchange of its route, concurrently on all event
 * loops, so per-exchange state belongs in the {@link RequestContext}. Hooks run on the exchange's event loop.
 */
public interface Filter {

    /**
     * Inspects or changes the request head before it is forwarded. An asynchronous decision must complete exactly
     * once; the exchange resumes on its own event loop. Body bytes are never shown to this hook.
     *
     * <p>A pending decision is bounded by the filter's timeout (its {@code timeout} in the config, else the route's
     * {@code timeouts.filter}, but never less than {@link #ownTimeout}); past it the exchange ends with 504. When
     * the exchange ends before the decision arrives (timeout, client gone), the chain cancels the returned stage
     * and then calls {@link #onComplete}: a filter stops its pending work (a call, a place in a queue) in either
     * (see {@link Cancellation}). A decision that arrives after that is ignored.
     */
    default CompletionStage<FilterDecision> onRequest(RequestContext ctx, HttpRequest request) {
        return FilterDecision.CONTINUE;
    }

    /**
     * How long this filter's own settings let a pending decision for {@code ctx} take (a shaper's longest wait, an
     * authorization call's timeout, a model version queue's timeout); zero when they set no bound. Without a
     * {@code timeout} of its own in the config, the chain waits for a decision at least this long (and a little
     * more, so that the filter's own answer comes first) rather than cutting it off at the route's default. Called
     * on the exchange's event loop, only while a decision is pending.
     */
    default Duration ownTimeout(RequestContext ctx) {
        return Duration.ZERO;
    }

    /** Inspects or changes the response head before it is sent downstream (also for local replies). */
    default void onResponse(RequestContext ctx, HttpResponse response) {
    }

    /**
     * Called once when an exchange whose {@link #onRequest} this filter ran has ended, however it ended (response
     * sent, local reply, client gone, failure), even while its own request decision is still pending: the place
     * to release what the request hook took.
     */
    default void onComplete(RequestContext ctx) {
    }
}
