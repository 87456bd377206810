package io.gatehouse.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.context.RequestContext;
import io.gatehouse.filter.BodyFilter;
import io.gatehouse.filter.Filter;
import io.gatehouse.filter.FilterDecision;
import io.gatehouse.filter.Phase;
import io.gatehouse.filter.RequestBody;
import io.gatehouse.routing.PathVariables;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The chain on an embedded event loop whose clock the test moves: completion hooks run once for exactly the filters
 * whose request hook ran; a pending decision is bounded by its timeout (at least the filter's own bound), and one
 * that comes after the exchange ended or timed out is ignored.
 */
class FilterChainTest {

    private static final FilterDecision PROCEED = FilterDecision.CONTINUE.toCompletableFuture().join();
    private static final Duration ROUTE_DEFAULT = Duration.ofSeconds(10);

    private final EmbeddedChannel loop = new EmbeddedChannel();
    private final RequestContext ctx = new RequestContext("id", "r", new InetSocketAddress(0), "127.0.0.1",
            PathVariables.NONE, loop.eventLoop(), 0);
    private final HttpRequest request = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/");
    private final List<String> calls = new ArrayList<>();
    private final CompletableFuture<RequestBody> body = new CompletableFuture<>();

    @AfterEach
    void close() {
        loop.finishAndReleaseAll();
    }

    /** Records what the exchange hears, in {@link #calls}. */
    private final FilterChain.Outcome outcome = new FilterChain.Outcome() {
        @Override
        public CompletionStage<RequestBody> requestBody() {
            calls.add("body asked");
            return body;
        }

        @Override
        public void filtersPassed() {
            calls.add("passed");
        }

        @Override
        public void filtersRefused(FilterDecision decision) {
            calls.add("refused " + decision.status().code());
        }

        @Override
        public void filterFailed(RouteFilter filter, Throwable error) {
            calls.add("failed " + filter.name() + ": " + error.getMessage());
        }

        @Override
        public void filterTimedOut(RouteFilter filter, long timeoutNanos) {
            calls.add("timed out " + filter.name() + " after " + TimeUnit.NANOSECONDS.toSeconds(timeoutNanos) + "s");
        }
    };

    private static RouteFilter placed(String name, Filter filter) {
        return placed(name, filter, null);
    }

    private static RouteFilter placed(String name, Filter filter, Duration timeout) {
        return new RouteFilter(name, Phase.TRANSFORM, 0, 0, timeout, filter);
    }

    private RouteFilter filter(String name, CompletionStage<FilterDecision> decision) {
        return filter(name, decision, Duration.ZERO);
    }

    private RouteFilter filter(String name, CompletionStage<FilterDecision> decision, Duration ownTimeout) {
        return placed(name, new Filter() {
            @Override
            public CompletionStage<FilterDecision> onRequest(RequestContext c, HttpRequest r) {
                calls.add(name + ".request");
                return decision;
            }

            @Override
            public Duration ownTimeout(RequestContext c) {
                return ownTimeout;
            }

            @Override
            public void onComplete(RequestContext c) {
                calls.add(name + ".complete");
            }
        });
    }

    private FilterChain chain(RouteFilter... filters) {
        FilterChain chain = new FilterChain(List.of(filters), ROUTE_DEFAULT, ctx, request, outcome);
        chain.start();
        return chain;
    }

    private void advance(Duration time) {
        loop.advanceTimeBy(time.toNanos(), TimeUnit.NANOSECONDS);
        loop.runPendingTasks();
    }

    @Test
    void aRejectingFilterEndsTheChainAndOnlyEnteredFiltersComplete() {
        FilterChain chain = chain(filter("a", FilterDecision.CONTINUE),
                filter("b", FilterDecision.respond(HttpResponseStatus.FORBIDDEN, "no")),
                filter("c", FilterDecision.CONTINUE));
        chain.end();
        chain.end();

        assertThat(calls).containsExactly("a.request", "b.request", "refused 403", "b.complete", "a.complete");
    }

    @Test
    void everyFilterCompletesAfterTheWholeChainRanOnTheLoop() {
        CompletableFuture<FilterDecision> pending = new CompletableFuture<>();
        FilterChain chain = chain(filter("a", pending), filter("b", FilterDecision.CONTINUE));
        pending.complete(PROCEED);
        assertThat(calls).containsExactly("a.request");

        loop.runPendingTasks();
        chain.end();

        assertThat(calls).containsExactly("a.request", "b.request", "passed", "b.complete", "a.complete");
    }

    @Test
    void anExchangeThatEndsFirstCancelsThePendingStageAndIgnoresALateDecision() {
        CompletableFuture<FilterDecision> pending = new CompletableFuture<>();
        FilterChain chain = chain(filter("a", FilterDecision.CONTINUE), filter("b", pending),
                filter("c", FilterDecision.CONTINUE));

        chain.end();
        loop.runPendingTasks();

        assertThat(pending).isCancelled();
        assertThat(calls).containsExactly("a.request", "b.request", "b.complete", "a.complete");
        advance(ROUTE_DEFAULT.multipliedBy(2));
        assertThat(calls).hasSize(4);
    }

    @Test
    void anExchangeThatEndsWhileAHookRunsRunsNoFurtherHook() {
        FilterChain[] chain = new FilterChain[1];
        RouteFilter leaving = placed("leaving", new Filter() {
            @Override
            public CompletionStage<FilterDecision> onRequest(RequestContext c, HttpRequest r) {
                calls.add("leaving.request");
                chain[0].end();
                return FilterDecision.CONTINUE;
            }

            @Override
            public void onComplete(RequestContext c) {
                calls.add("leaving.complete");
            }
        });
        chain[0] = new FilterChain(List.of(leaving, filter("next", FilterDecision.CONTINUE)), ROUTE_DEFAULT, ctx,
                request, outcome);

        chain[0].start();
        chain[0].end();

        assertThat(calls).containsExactly("leaving.request", "leaving.complete");
    }

    @Test
    void aDecisionThatDoesNotComeInTimeEndsTheChainAndItsStageIsCancelled() {
        CompletableFuture<FilterDecision> pending = new CompletableFuture<>();
        FilterChain chain = chain(filter("slow", pending), filter("after", FilterDecision.CONTINUE));

        advance(ROUTE_DEFAULT.minusMillis(1));
        assertThat(calls).containsExactly("slow.request");
        advance(Duration.ofMillis(1));
        assertThat(calls).containsExactly("slow.request", "timed out slow after 10s");
        assertThat(pending).isCancelled();

        chain.end();
        chain.end();
        assertThat(calls).containsExactly("slow.request", "timed out slow after 10s", "slow.complete");
    }

    @Test
    void aDecisionWhoseResumptionComesAfterTheTimeoutIsIgnored() {
        CompletableFuture<FilterDecision> pending = new CompletableFuture<>();
        FilterChain chain = chain(filter("slow", pending), filter("after", FilterDecision.CONTINUE));
        advance(ROUTE_DEFAULT.minusMillis(1));

        // Decided on another thread just in time, but the timer runs on the loop before the resumption does.
        pending.complete(PROCEED);
        loop.advanceTimeBy(1, TimeUnit.MILLISECONDS);
        loop.runScheduledPendingTasks();
        loop.runPendingTasks();
        chain.end();

        assertThat(calls).containsExactly("slow.request", "timed out slow after 10s", "slow.complete");
    }

    @Test
    void aDecisionThatComesInTimeStopsTheTimer() {
        CompletableFuture<FilterDecision> pending = new CompletableFuture<>();
        chain(filter("quick", pending));
        advance(Duration.ofSeconds(1));
        pending.complete(PROCEED);
        advance(ROUTE_DEFAULT.multipliedBy(2));

        assertThat(calls).containsExactly("quick.request", "passed");
    }

    @Test
    void aFilterThatBoundsItsOwnWaitIsGivenThatLongAndAGraceBeyondTheRouteDefault() {
        Duration own = ROUTE_DEFAULT.multipliedBy(3);
        chain(filter("shaper", new CompletableFuture<>(), own));

        advance(own);
        assertThat(calls).containsExactly("shaper.request");
        advance(Duration.ofNanos(FilterChain.GRACE_NANOS));
        assertThat(calls).containsExactly("shaper.request", "timed out shaper after 31s");
    }

    @Test
    void anInstanceTimeoutWinsOverTheRouteDefaultAndTheFiltersOwnBound() {
        RouteFilter slow = filter("slow", new CompletableFuture<>(), Duration.ofMinutes(5));
        chain(placed(slow.name(), slow.filter(), Duration.ofSeconds(2)));

        advance(Duration.ofSeconds(2));
        assertThat(calls).containsExactly("slow.request", "timed out slow after 2s");
    }

    @Test
    void aThrowingHookOrAFailedDecisionIsAFailureOfThatFilter() {
        chain(placed("thrower", new Filter() {
            @Override
            public CompletionStage<FilterDecision> onRequest(RequestContext c, HttpRequest r) {
                throw new IllegalStateException("broken");
            }
        }));
        CompletableFuture<FilterDecision> pending = new CompletableFuture<>();
        chain(filter("failing", pending));
        pending.completeExceptionally(new IllegalStateException("no answer"));
        loop.runPendingTasks();

        assertThat(calls).containsExactly("failed thrower: broken", "failing.request", "failed failing: no answer");
    }

    @Test
    void aBodyFilterWaitsForTheBodyWithoutATimeoutThenDecides() {
        BodyFilter reader = new BodyFilter() {
            @Override
            public int bodyCap() {
                return 1024;
            }

            @Override
            public CompletionStage<FilterDecision> onRequest(RequestContext c, HttpRequest r, RequestBody whole) {
                calls.add("reader.request");
                return FilterDecision.CONTINUE;
            }
        };
        chain(filter("a", FilterDecision.CONTINUE), placed("reader", reader));
        advance(ROUTE_DEFAULT.multipliedBy(2));
        assertThat(calls).containsExactly("a.request", "body asked");

        body.complete(null);
        loop.runPendingTasks();
        assertThat(calls).containsExactly("a.request", "body asked", "reader.request", "passed");
    }
}
