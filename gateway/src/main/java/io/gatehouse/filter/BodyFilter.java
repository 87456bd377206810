package io.gatehouse.filter;

import io.gatehouse.context.RequestContext;
import io.netty.handler.codec.http.HttpRequest;
import java.util.concurrent.CompletionStage;

/**
 * A filter that needs the request body to decide. The exchange aggregates the body (reading it only once the
 * filters before this one have let the request through) up to {@link #bodyCap()} bytes, answering 413 beyond, and
 * calls {@link #onRequest(RequestContext, HttpRequest, RequestBody)} instead of the head-only hook. Routes without
 * such a filter keep streaming their bodies.
 */
public interface BodyFilter extends Filter {

    /** The most body bytes the filter takes; a longer body is refused with 413. */
    int bodyCap();

    /** As {@link Filter#onRequest}, with the whole body, which the filter may replace. */
    CompletionStage<FilterDecision> onRequest(RequestContext ctx, HttpRequest request, RequestBody body);
}
