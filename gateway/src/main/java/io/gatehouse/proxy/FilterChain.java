package io.gatehouse.proxy;

import io.gatehouse.context.RequestContext;
import io.gatehouse.filter.BodyFilter;
import io.gatehouse.filter.FilterDecision;
import io.gatehouse.filter.RequestBody;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the request hooks of one exchange's route in order, on the exchange's event loop. Completed decisions are
 * taken synchronously; a pending one resumes the chain on the loop, bounded by the filter's timeout. When the
 * exchange ends first, the pending stage is cancelled and a decision that arrives later is ignored. Completion
 * hooks run once, for exactly the filters whose request hook ran.
 */
final class FilterChain {

    /** What the exchange hears from the chain, on its loop; every call but {@link #requestBody} ends the chain. */
    interface Outcome {

        /** The whole request body, asked for once when a body filter first comes up; completes once it arrived. */
        CompletionStage<RequestBody> requestBody();

        void filtersPassed();

        void filtersRefused(FilterDecision decision);

        void filterFailed(RouteFilter filter, Throwable error);

        /** {@code filter}'s decision did not come within {@code timeoutNanos}; its stage has been cancelled. */
        void filterTimedOut(RouteFilter filter, long timeoutNanos);
    }

    /** How much longer than a filter's own bound the chain waits, so that the filter's own answer comes first. */
    static final long GRACE_NANOS = TimeUnit.SECONDS.toNanos(1);

    private static final Logger LOG = LoggerFactory.getLogger(FilterChain.class);

    private final List<RouteFilter> filters;
    private final long defaultTimeoutNanos;
    private final RequestContext ctx;
    private final HttpRequest request;
    private final Outcome outcome;
    private CompletableFuture<RequestBody> body;
    /** What the chain waits for; null while it runs or once it is over. */
    private Pending pending;
    /** How many filters (a prefix of the list) have had their request hook called. */
    private int entered;
    private boolean ended;

    /** @param defaultTimeout the route's {@code timeouts.filter}, for filters without a timeout of their own */
    FilterChain(List<RouteFilter> filters, Duration defaultTimeout, RequestContext ctx, HttpRequest request,
                Outcome outcome) {
        this.filters = filters;
        this.defaultTimeoutNanos = defaultTimeout.toNanos();
        this.ctx = ctx;
        this.request = request;
        this.outcome = outcome;
    }

    void start() {
        run(0);
    }

    private void run(int from) {
        for (int i = from; i < filters.size(); i++) {
            if (filters.get(i).filter() instanceof BodyFilter && !body().isDone()) {
                // Waiting for the client is bounded by the body read timeout, not by the filter's.
                pending = ended ? null : new Pending(i, body, -1);
                return;
            }
            if (!decided(i, hook(i))) {
                return;
            }
        }
        outcome.filtersPassed();
    }

    private CompletableFuture<RequestBody> body() {
        if (body == null) {
            body = outcome.requestBody().toCompletableFuture();
        }
        return body;
    }

    /** Calls filter {@code i}'s request hook; null after reporting that it threw. */
    private CompletionStage<FilterDecision> hook(int i) {
        RouteFilter placed = filters.get(i);
        entered = i + 1;
        try {
            CompletionStage<FilterDecision> stage = placed.filter() instanceof BodyFilter bodyFilter
                    ? bodyFilter.onRequest(ctx, request, body.join())
                    : placed.filter().onRequest(ctx, request);
            if (stage == null) {
                throw new IllegalStateException("the request hook returned no decision");
            }
            return stage;
        } catch (RuntimeException e) {
            outcome.filterFailed(placed, unwrapped(e));
            return null;
        }
    }

    /** Takes filter {@code i}'s decision, or waits for it; true when the chain goes on with the next filter now. */
    private boolean decided(int i, CompletionStage<FilterDecision> stage) {
        if (stage == FilterDecision.CONTINUE && !ended) {
            // The common answer, taken without converting the shared stage (which would copy it).
            return true;
        }
        if (stage == null) {
            return false;
        }
        if (ended) {
            // The exchange ended while the hook ran (its client went away): nothing more runs or waits.
            stage.toCompletableFuture().cancel(false);
            return false;
        }
        CompletableFuture<FilterDecision> future = stage.toCompletableFuture();
        if (!future.isDone()) {
            pending = new Pending(i, future, timeoutNanos(filters.get(i)));
            return false;
        }
        try {
            return proceeds(i, future.join(), null);
        } catch (RuntimeException e) {
            return proceeds(i, null, e);
        }
    }

    private boolean proceeds(int i, FilterDecision decision, Throwable error) {
        if (error == null && decision == null) {
            error = new IllegalStateException("the decision completed without a value");
        }
        if (error != null) {
            outcome.filterFailed(filters.get(i), unwrapped(error));
            return false;
        }
        if (!decision.proceeds()) {
            outcome.filtersRefused(decision);
            return false;
        }
        return true;
    }

    /** The instance's timeout, else the route's default, but never less than the filter's own bound and a grace. */
    private long timeoutNanos(RouteFilter placed) {
        if (placed.timeout() != null) {
            return placed.timeout().toNanos();
        }
        long own = placed.filter().ownTimeout(ctx).toNanos();
        return Math.max(defaultTimeoutNanos, own > 0 ? own + GRACE_NANOS : 0);
    }

    private void arrived(Pending waited) {
        if (pending != waited) {
            // The exchange ended or the filter timed out: whatever the filter holds it releases in onComplete.
            return;
        }
        pending = null;
        if (waited.timer != null) {
            waited.timer.cancel(false);
            if (!proceeds(waited.index, (FilterDecision) waited.value, waited.error)) {
                return;
            }
        } else if (!decided(waited.index, hook(waited.index))) {
            return;
        }
        run(waited.index + 1);
    }

    private void timedOut(Pending waited, long timeoutNanos) {
        if (pending != waited) {
            return;
        }
        pending = null;
        waited.future.cancel(false);
        outcome.filterTimedOut(filters.get(waited.index), timeoutNanos);
    }

    /**
     * The exchange has ended: a pending decision is cancelled (one that arrives anyway is ignored), and the
     * completion hooks of the filters whose request hook ran are called in reverse order, once.
     */
    void end() {
        ended = true;
        Pending waited = pending;
        pending = null;
        if (waited != null && waited.timer != null) {
            waited.timer.cancel(false);
            waited.future.cancel(false);
        }
        int count = entered;
        entered = 0;
        for (int i = count - 1; i >= 0; i--) {
            try {
                filters.get(i).filter().onComplete(ctx);
            } catch (RuntimeException e) {
                LOG.warn("completion hook of filter {} on route {} failed", filters.get(i).name(), ctx.routeName(),
                        e);
            }
        }
    }

    /** Response hooks run in reverse order; a throwing hook is skipped, not allowed to break the response. */
    static void runResponse(List<RouteFilter> filters, RequestContext ctx, HttpResponse response) {
        for (int i = filters.size() - 1; i >= 0; i--) {
            try {
                filters.get(i).filter().onResponse(ctx, response);
            } catch (RuntimeException e) {
                LOG.warn("response hook of filter {} on route {} failed", filters.get(i).name(), ctx.routeName(), e);
            }
        }
    }

    private static Throwable unwrapped(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }

    /** A decision (or, without a timer, the request body) the chain waits for; completes back on the loop. */
    private final class Pending implements BiConsumer<Object, Throwable>, Runnable {

        final int index;
        final CompletableFuture<?> future;
        /** Null while the body is awaited. */
        final ScheduledFuture<?> timer;
        private Object value;
        private Throwable error;

        /** @param timeoutNanos below zero for the body, which has no filter timeout */
        Pending(int index, CompletableFuture<?> future, long timeoutNanos) {
            this.index = index;
            this.future = future;
            this.timer = timeoutNanos < 0 ? null
                    : ctx.eventLoop().schedule(() -> timedOut(this, timeoutNanos), timeoutNanos, TimeUnit.NANOSECONDS);
            future.whenComplete(this);
        }

        @Override
        public void accept(Object value, Throwable error) {
            this.value = value;
            this.error = error;
            ctx.eventLoop().execute(this);
        }

        @Override
        public void run() {
            arrived(this);
        }
    }
}
