package io.gatehouse.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.context.RequestContext;
import io.gatehouse.filter.FilterDecision;
import io.gatehouse.routing.PathVariables;
import io.netty.channel.DefaultEventLoop;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The auth filter over small scripted authenticators. */
class AuthFilterTest {

    private final EventLoop loop = new DefaultEventLoop();
    private final RequestContext ctx = new RequestContext("r-1", "api", new InetSocketAddress("127.0.0.1", 5000),
            "127.0.0.1", PathVariables.NONE, loop, 0);
    private final HttpRequest request = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/x");
    /** Which methods were asked, in order, and on which thread. */
    private final List<String> asked = new ArrayList<>();
    private final List<Boolean> askedOnLoop = new ArrayList<>();

    @AfterEach
    void stopLoop() {
        loop.shutdownGracefully(0, 0, TimeUnit.SECONDS);
    }

    /** An authenticator that answers {@code outcome}, reads header {@code X-<name>} and strips it. */
    private class Scripted implements Authenticator {
        final String name;
        final CompletionStage<AuthOutcome> outcome;

        Scripted(String name, CompletionStage<AuthOutcome> outcome) {
            this.name = name;
            this.outcome = outcome;
        }

        @Override
        public String method() {
            return name;
        }

        @Override
        public String challenge() {
            return name + " realm=\"test\"";
        }

        @Override
        public CompletionStage<AuthOutcome> authenticate(RequestContext ctx, HttpRequest request) {
            asked.add(name);
            askedOnLoop.add(loop.inEventLoop());
            return outcome;
        }

        @Override
        public void stripCredential(HttpRequest request) {
            request.headers().remove("X-" + name);
        }
    }

    private Scripted answering(String name, AuthOutcome outcome) {
        return new Scripted(name, CompletableFuture.completedStage(outcome));
    }

    private static AuthOutcome as(String consumer, String... scopes) {
        return AuthOutcome.authenticated(new Identity(Consumer.named(consumer), "m", Set.of(scopes)));
    }

    private FilterDecision run(AuthFilter filter) {
        return filter.onRequest(ctx, request).toCompletableFuture().orTimeout(5, TimeUnit.SECONDS).join();
    }

    @Test
    void anyOfAsksInOrderAndTheFirstThatAuthenticatesWins() {
        AuthFilter filter = new AuthFilter(List.of(answering("a", AuthOutcome.noCredential()),
                answering("b", as("bob")), answering("c", as("carol"))), false, null);

        assertThat(run(filter).proceeds()).isTrue();
        assertThat(asked).containsExactly("a", "b");
        assertThat(Identities.consumerName(ctx)).isEqualTo("bob");
    }

    @Test
    void anInvalidCredentialEndsTheRequestWithoutAskingTheRest() {
        AuthFilter filter = new AuthFilter(List.of(answering("a", AuthOutcome.invalid("bad signature")),
                answering("b", as("bob"))), false, null);

        FilterDecision decision = run(filter);

        assertThat(decision.status()).isEqualTo(HttpResponseStatus.UNAUTHORIZED);
        assertThat(decision.detail()).isEqualTo("the credentials are not valid").doesNotContain("signature");
        assertThat(decision.headers().getAll(HttpHeaderNames.WWW_AUTHENTICATE))
                .containsExactly("a realm=\"test\"", "b realm=\"test\"");
        assertThat(asked).containsExactly("a");
        assertThat(Identities.of(ctx)).isNull();
    }

    @Test
    void withoutAnyCredentialEveryChallengeIsOfferedOrTheAnonymousConsumerIsUsed() {
        List<Authenticator> none = List.of(answering("a", AuthOutcome.noCredential()),
                answering("b", AuthOutcome.noCredential()));

        FilterDecision refused = run(new AuthFilter(none, false, null));
        assertThat(refused.status()).isEqualTo(HttpResponseStatus.UNAUTHORIZED);
        assertThat(refused.headers().getAll(HttpHeaderNames.WWW_AUTHENTICATE))
                .containsExactly("a realm=\"test\"", "b realm=\"test\"");

        Identity guest = new Identity(new Consumer("guest", Set.of("public"), Map.of()), "anonymous", Set.of());
        assertThat(run(new AuthFilter(none, false, guest)).proceeds()).isTrue();
        assertThat(Identities.of(ctx)).isEqualTo(guest);
    }

    @Test
    void allOfNeedsEveryMethodNamesTheFirstConsumerAndJoinsScopes() {
        AuthFilter filter = new AuthFilter(List.of(answering("a", as("alice", "read")),
                answering("b", as("service", "write", "read"))), true, null);

        assertThat(run(filter).proceeds()).isTrue();
        assertThat(Identities.of(ctx).consumer().name()).isEqualTo("alice");
        assertThat(Identities.of(ctx).scopes()).containsExactlyInAnyOrder("read", "write");
    }

    @Test
    void allOfRefusesWhenOneMethodFindsNoCredential() {
        AuthFilter filter = new AuthFilter(List.of(answering("a", as("alice")),
                answering("b", AuthOutcome.noCredential())), true, null);

        FilterDecision decision = run(filter);

        assertThat(decision.status()).isEqualTo(HttpResponseStatus.UNAUTHORIZED);
        assertThat(decision.detail()).isEqualTo("authentication required");
        assertThat(Identities.of(ctx)).isNull();
    }

    @Test
    void aDenialKeepsItsStatusAndHeaders() {
        HttpHeaders reply = new DefaultHttpHeaders().add("X-Reason-Code", "policy");
        AuthFilter filter = new AuthFilter(List.of(answering("ext",
                AuthOutcome.denied(HttpResponseStatus.FORBIDDEN, reply, "not on weekends"))), false, null);

        FilterDecision decision = run(filter);

        assertThat(decision.status()).isEqualTo(HttpResponseStatus.FORBIDDEN);
        assertThat(decision.detail()).isEqualTo("access denied");
        assertThat(decision.headers().get("X-Reason-Code")).isEqualTo("policy");
    }

    @Test
    void onSuccessEveryMethodStripsItsCredentialAndForwardedHeadersAreAdded() {
        request.headers().set("X-a", "key").set("X-b", "token").set("X-Other", "kept");
        HttpHeaders claims = new DefaultHttpHeaders().add("X-Consumer-Id", "42");
        AuthFilter filter = new AuthFilter(List.of(answering("a", AuthOutcome.noCredential()),
                answering("b", AuthOutcome.authenticated(new Identity(Consumer.named("bob"), "b", Set.of()), claims))),
                false, null);

        assertThat(run(filter).proceeds()).isTrue();
        assertThat(request.headers().contains("X-a")).isFalse();
        assertThat(request.headers().contains("X-b")).isFalse();
        assertThat(request.headers().get("X-Other")).isEqualTo("kept");
        assertThat(request.headers().get("X-Consumer-Id")).isEqualTo("42");
    }

    @Test
    void aPendingMethodResumesOnTheExchangeLoopBeforeTheNextIsAsked() {
        CompletableFuture<AuthOutcome> slow = new CompletableFuture<>();
        AuthFilter filter = new AuthFilter(List.of(new Scripted("slow", slow), answering("next", as("bob"))),
                true, null);

        CompletableFuture<FilterDecision> decision = filter.onRequest(ctx, request).toCompletableFuture();
        assertThat(decision).isNotDone();
        slow.complete(as("alice", "read"));

        assertThat(decision.orTimeout(5, TimeUnit.SECONDS).join().proceeds()).isTrue();
        assertThat(asked).containsExactly("slow", "next");
        assertThat(askedOnLoop).containsExactly(false, true);
        assertThat(Identities.consumerName(ctx)).isEqualTo("alice");
    }

    @Test
    void aFailedOrThrowingMethodAnswers503() {
        CompletionStage<AuthOutcome> rejected = CompletableFuture.failedStage(new RejectedExecutionException("full"));
        assertThat(run(new AuthFilter(List.of(new Scripted("full", rejected)), false, null)).status())
                .isEqualTo(HttpResponseStatus.SERVICE_UNAVAILABLE);

        Authenticator throwing = new Scripted("throwing", null) {
            @Override
            public CompletionStage<AuthOutcome> authenticate(RequestContext ctx, HttpRequest request) {
                throw new IllegalStateException("broken");
            }
        };
        assertThat(run(new AuthFilter(List.of(throwing), false, null)).status())
                .isEqualTo(HttpResponseStatus.SERVICE_UNAVAILABLE);

        CompletableFuture<AuthOutcome> later = new CompletableFuture<>();
        CompletableFuture<FilterDecision> decision = new AuthFilter(List.of(new Scripted("later", later)), false,
                null).onRequest(ctx, request).toCompletableFuture();
        later.completeExceptionally(new RejectedExecutionException("full"));
        assertThat(decision.orTimeout(5, TimeUnit.SECONDS).join().status())
                .isEqualTo(HttpResponseStatus.SERVICE_UNAVAILABLE);
    }
}
