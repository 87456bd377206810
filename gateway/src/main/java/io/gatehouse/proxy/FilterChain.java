package io.gatehouse.proxy;

import io.gatehouse.context.RequestContext;
import io.gatehouse.filter.BodyFilter;
import io.gatehouse.filter.Filter;
import io.gatehouse.filter.FilterDecision;
import io.gatehouse.filter.RequestBody;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/**
 * Runs a route's request hooks in order. Completed decisions are taken synchronously; a pending one resumes the
 * chain on the exchange's event loop, so filters never move an exchange to another thread.
 */
final class FilterChain {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(FilterChain.class);
    private static final FilterDecision PROCEED = FilterDecision.CONTINUE.toCompletableFuture().join();

    private FilterChain() {
    }

    /**
     * Calls {@code done} exactly once on the context's loop with the first decision that does not proceed, or a
     * proceeding one when every filter let the request through; a throwing filter ends as a failure.
     *
     * @param body the whole request body, asked for when a {@link BodyFilter} comes up and completing once it has
     *             arrived
     */
    static void runRequest(List<Filter> filters, RequestContext ctx, HttpRequest request,
                           Supplier<CompletionStage<RequestBody>> body, IntConsumer entered,
                           BiConsumer<FilterDecision, Throwable> done) {
        run(filters, 0, ctx, request, body, entered, done);
    }

    /**
     * @param entered told how many filters (a prefix of the list) have had their request hook called, before each
     *                call, so that their completion hooks run however the exchange ends
     */
    private static void run(List<Filter> filters, int from, RequestContext ctx, HttpRequest request,
                            Supplier<CompletionStage<RequestBody>> body, IntConsumer entered,
                            BiConsumer<FilterDecision, Throwable> done) {
        for (int i = from; i < filters.size(); i++) {
            entered.accept(i + 1);
            CompletionStage<FilterDecision> stage;
            try {
                Filter filter = filters.get(i);
                stage = filter instanceof BodyFilter bodyFilter
                        ? body.get().thenCompose(whole -> bodyFilter.onRequest(ctx, request, whole))
                        : filter.onRequest(ctx, request);
            } catch (RuntimeException e) {
                done.accept(null, e);
                return;
            }
            if (stage == FilterDecision.CONTINUE) {
                // The common answer, taken without converting the shared stage (which would copy it).
                continue;
            }
            CompletableFuture<FilterDecision> future = stage.toCompletableFuture();
            if (!future.isDone()) {
                int next = i + 1;
                future.whenComplete((decision, error) -> ctx.eventLoop().execute(
                        () -> resume(filters, next, ctx, request, body, entered, decision, error, done)));
                return;
            }
            FilterDecision decision;
            try {
                decision = future.join();
            } catch (RuntimeException e) {
                done.accept(null, e);
                return;
            }
            if (!decision.proceeds()) {
                done.accept(decision, null);
                return;
            }
        }
        done.accept(PROCEED, null);
    }

    private static void resume(List<Filter> filters, int next, RequestContext ctx, HttpRequest request,
                               Supplier<CompletionStage<RequestBody>> body, IntConsumer entered,
                               FilterDecision decision, Throwable error,
                               BiConsumer<FilterDecision, Throwable> done) {
        if (error != null || !decision.proceeds()) {
            done.accept(decision, error);
        } else {
            run(filters, next, ctx, request, body, entered, done);
        }
    }

    /** The completion hooks of the first {@code entered} filters, in reverse order; a throwing hook is skipped. */
    static void runComplete(List<Filter> filters, int entered, RequestContext ctx) {
        for (int i = entered - 1; i >= 0; i--) {
            try {
                filters.get(i).onComplete(ctx);
            } catch (RuntimeException e) {
                LOG.warn("completion hook of a filter on route {} failed", ctx.routeName(), e);
            }
        }
    }

    /** Response hooks run in reverse order; a throwing hook is skipped, not allowed to break the response. */
    static void runResponse(List<Filter> filters, RequestContext ctx, HttpResponse response) {
        for (int i = filters.size() - 1; i >= 0; i--) {
            try {
                filters.get(i).onResponse(ctx, response);
            } catch (RuntimeException e) {
                LOG.warn("response hook of a filter on route {} failed", ctx.routeName(), e);
            }
        }
    }
}
