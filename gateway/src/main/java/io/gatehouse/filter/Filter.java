package io.gatehouse.filter;

import io.gatehouse.context.RequestContext;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import java.util.concurrent.CompletionStage;

/**
 * A step on a route's request path. One instance serves every exchange of its route, concurrently on all event
 * loops, so per-exchange state belongs in the {@link RequestContext}. Hooks run on the exchange's event loop.
 */
public interface Filter {

    /**
     * Inspects or changes the request head before it is forwarded. An asynchronous decision must complete exactly
     * once; the exchange resumes on its own event loop. Body bytes are never shown to this hook.
     */
    default CompletionStage<FilterDecision> onRequest(RequestContext ctx, HttpRequest request) {
        return FilterDecision.CONTINUE;
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
