package io.gatehouse.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.context.RequestContext;
import io.gatehouse.filter.Filter;
import io.gatehouse.filter.FilterDecision;
import io.gatehouse.routing.PathVariables;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/** Completion hooks run for exactly the filters whose request hook ran, pending ones included. */
class FilterChainCompletionTest {

    private final EmbeddedChannel loop = new EmbeddedChannel();
    private final RequestContext ctx = new RequestContext("id", "r", new InetSocketAddress(0), "127.0.0.1",
            PathVariables.NONE, loop.eventLoop(), 0);
    private final HttpRequest request = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/");
    private final List<String> calls = new ArrayList<>();
    private int entered;

    private Filter filter(String name, CompletionStage<FilterDecision> decision) {
        return new Filter() {
            @Override
            public CompletionStage<FilterDecision> onRequest(RequestContext c, HttpRequest r) {
                calls.add(name + ".request");
                return decision;
            }

            @Override
            public void onComplete(RequestContext c) {
                calls.add(name + ".complete");
            }
        };
    }

    @Test
    void aRejectingFilterEndsTheChainAndOnlyEnteredFiltersComplete() {
        List<Filter> filters = List.of(filter("a", FilterDecision.CONTINUE),
                filter("b", FilterDecision.respond(HttpResponseStatus.FORBIDDEN, "no")), filter("c",
                        FilterDecision.CONTINUE));

        FilterChain.runRequest(filters, ctx, request, () -> null, n -> entered = n,
                (decision, error) -> calls.add("done"));
        FilterChain.runComplete(filters, entered, ctx);

        assertThat(calls).containsExactly("a.request", "b.request", "done", "b.complete", "a.complete");
    }

    @Test
    void aPendingFilterCompletesWhenTheExchangeEndsBeforeItsDecision() {
        CompletableFuture<FilterDecision> pending = new CompletableFuture<>();
        List<Filter> filters = List.of(filter("a", FilterDecision.CONTINUE), filter("b", pending),
                filter("c", FilterDecision.CONTINUE));

        FilterChain.runRequest(filters, ctx, request, () -> null, n -> entered = n,
                (decision, error) -> calls.add("done"));
        FilterChain.runComplete(filters, entered, ctx);

        assertThat(entered).isEqualTo(2);
        assertThat(calls).containsExactly("a.request", "b.request", "b.complete", "a.complete");
    }

    @Test
    void everyFilterCompletesAfterTheWholeChainRan() {
        CompletableFuture<FilterDecision> pending = new CompletableFuture<>();
        List<Filter> filters = List.of(filter("a", pending), filter("b", FilterDecision.CONTINUE));

        FilterChain.runRequest(filters, ctx, request, () -> null, n -> entered = n,
                (decision, error) -> calls.add("done"));
        pending.complete(FilterDecision.CONTINUE.toCompletableFuture().join());
        loop.runPendingTasks();
        FilterChain.runComplete(filters, entered, ctx);

        assertThat(calls).containsExactly("a.request", "b.request", "done", "b.complete", "a.complete");
    }
}
