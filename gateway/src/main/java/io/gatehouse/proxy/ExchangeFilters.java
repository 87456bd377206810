package io.gatehouse.proxy;

import io.gatehouse.context.RequestContext;
import io.gatehouse.filter.FilterDecision;
import io.gatehouse.filter.RequestBody;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * What a route's filters add to one exchange: the chain that runs their request hooks, the request body a body
 * filter reads (held whole until the filters let the request through, then sent upstream as one piece), and the
 * tap a filter attached. Only exchanges on routes with filters have one.
 */
final class ExchangeFilters implements FilterChain.Outcome {

    private final Exchange exchange;
    private final RouteRuntime route;
    private final RequestContext context;
    private final FilterChain chain;
    /** Null on routes without a body filter, which stream the body. */
    private final BodyAggregation aggregation;

    ExchangeFilters(Exchange exchange, RouteRuntime route, RequestContext context, HttpRequest request,
                    ByteBufAllocator alloc, boolean requestHasBody) {
        this.exchange = exchange;
        this.route = route;
        this.context = context;
        this.chain = new FilterChain(route.filters(), route.config().timeouts().filter(), context, request, this);
        this.aggregation = BodyAggregation.forRoute(route.filters(), alloc, requestHasBody);
    }

    void start() {
        chain.start();
    }

    /** A body filter came up: the client is read for the body from now on. */
    @Override
    public CompletionStage<RequestBody> requestBody() {
        CompletionStage<RequestBody> whole = aggregation.await();
        exchange.readBody();
        return whole;
    }

    @Override
    public void filtersPassed() {
        exchange.forward();
    }

    @Override
    public void filtersRefused(FilterDecision decision) {
        exchange.refuse(decision.status(), decision.detail(), decision.headers(), "rejected by filter");
    }

    @Override
    public void filterFailed(RouteFilter filter, Throwable error) {
        exchange.fail(HttpResponseStatus.INTERNAL_SERVER_ERROR, "a filter failed",
                "filter " + filter.name() + " failed: " + error);
    }

    /**
     * 504: the gateway gave up waiting for a decision it needed, which a filter usually waits for from another
     * server (an authorization service, Redis, a model backend's queue): not the client's fault (408), nor an
     * overload that a retry-later would cure (503).
     */
    @Override
    public void filterTimedOut(RouteFilter filter, long timeoutNanos) {
        route.meters().filterTimedOut(filter.name(), TimeUnit.NANOSECONDS.toMillis(timeoutNanos),
                context.requestId());
        exchange.fail(HttpResponseStatus.GATEWAY_TIMEOUT, "filter " + filter.name() + " did not decide within "
                + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms", "filter timeout: " + filter.name());
    }

    /** Whether the request body is held for a body filter rather than streamed. */
    boolean aggregates() {
        return aggregation != null;
    }

    /** Holds a piece of the body (ownership passes here); false when the body outgrew {@link #aggregationCap()}. */
    boolean aggregate(HttpContent piece) {
        return aggregation.add(piece);
    }

    int aggregationCap() {
        return aggregation.cap();
    }

    /** Whether a body filter waits for body bytes still to come. */
    boolean awaitingBody() {
        return aggregation != null && aggregation.awaiting();
    }

    /**
     * The request goes upstream: the tap a filter attached sees the body held so far, and an aggregated body goes
     * as one piece. Returns the tap, which sees the rest; null for none.
     */
    ExchangeTap forward(HttpRequest upstreamHead, UpstreamLeg upstream) {
        ExchangeTap tap = ExchangeTap.of(context);
        if (tap != null) {
            upstream.tapHeld(tap);
        }
        HttpContent aggregated = aggregation == null ? null : aggregation.forward(upstreamHead);
        if (aggregated != null) {
            if (tap != null) {
                tap.request(aggregated.content(), true);
            }
            upstream.send(aggregated);
        }
        return tap;
    }

    /** The exchange has ended: a pending decision is cancelled, completion hooks run, a held body is released. */
    void end() {
        chain.end();
        if (aggregation != null) {
            aggregation.release();
        }
    }
}
