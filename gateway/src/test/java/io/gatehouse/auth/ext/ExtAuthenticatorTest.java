package io.gatehouse.auth.ext;

import static io.gatehouse.auth.AuthFixtures.WAIT;
import static io.gatehouse.auth.AuthFixtures.await;
import static io.gatehouse.auth.AuthFixtures.context;
import static io.gatehouse.auth.AuthFixtures.get;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.auth.AuthFixtures;
import io.gatehouse.auth.AuthOutcome;
import io.gatehouse.auth.AuthServices;
import io.gatehouse.config.ExtAuthConfig;
import io.gatehouse.testing.Behaviour;
import io.gatehouse.testing.MutableClock;
import io.gatehouse.testing.RecordedRequest;
import io.gatehouse.testing.TestOrigin;
import io.gatehouse.testing.TestResources;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** An authorization service on loopback decides; its answers become outcomes. */
class ExtAuthenticatorTest {

    private final AuthServices services = AuthFixtures.services(new MutableClock(Instant.EPOCH));
    private final TestOrigin authz = TestOrigin.start("authz");

    @AfterEach
    void close() {
        TestResources.closeAll(services, authz);
    }

    private ExtAuthenticator ext(String extra) {
        ExtAuthConfig config = AuthFixtures.method("any-of: [ext-auth]\next-auth:\n  url: " + authz.uri("/check/")
                + "\n" + extra.indent(2));
        return new ExtAuthenticator(config, AuthFixtures.resources(services, AuthFixtures.consumer("alice", "staff")));
    }

    private static HttpRequest delete() {
        HttpRequest request = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.DELETE, "/orders/7?force=1");
        request.headers().add("Authorization", "Bearer abc").add("Cookie", "s=1").add("X-Other", "no");
        return request;
    }

    private CompletableFuture<AuthOutcome> check(ExtAuthenticator ext) {
        return ext.authenticate(context(), delete()).toCompletableFuture();
    }

    @Test
    void aTwoHundredLetsTheRequestInAsTheNamedConsumerWithItsHeaders() {
        authz.on("/check/orders/7", Behaviour.status(200).header("X-Consumer", "alice").header("X-User-Id", "42")
                .header("X-Not-Listed", "x"));
        ExtAuthenticator ext = ext("upstream-headers: [X-User-Id]");
        AuthOutcome outcome = await(check(ext));
        assertThat(outcome.kind()).isEqualTo(AuthOutcome.Kind.AUTHENTICATED);
        assertThat(outcome.identity().consumer().name()).isEqualTo("alice");
        assertThat(outcome.identity().consumer().groups()).containsExactly("staff");
        assertThat(outcome.upstreamHeaders().get("X-User-Id")).isEqualTo("42");
        assertThat(outcome.upstreamHeaders().contains("X-Not-Listed")).isFalse();
        assertThat(ext.upstreamHeaderNames()).containsExactly("X-User-Id");
        RecordedRequest asked = authz.awaitRequests(1, WAIT).get(0);
        assertThat(asked.method()).isEqualTo("DELETE");
        assertThat(asked.uri()).isEqualTo("/check/orders/7?force=1");
        assertThat(asked.header("Authorization")).isEqualTo("Bearer abc");
        assertThat(asked.header("Cookie")).isEqualTo("s=1");
        assertThat(asked.header("X-Other")).isNull();
    }

    @Test
    void aTwoHundredWithoutAConsumerHeaderIsTheUnnamedConsumer() {
        authz.on("/check/orders/7", Behaviour.status(204));
        AuthOutcome outcome = await(check(ext("forward-headers: [X-Other]")));
        assertThat(outcome.identity().consumer().name()).isEqualTo(ExtAuthenticator.UNNAMED_CONSUMER);
        RecordedRequest asked = authz.awaitRequests(1, WAIT).get(0);
        assertThat(asked.header("X-Other")).isEqualTo("no");
        assertThat(asked.header("Authorization")).isNull();
    }

    @Test
    void anotherStatusIsTheDenialTheClientGetsWithItsChallenge() {
        authz.on("/check/orders/7", Behaviour.status(401).header("WWW-Authenticate", "Bearer realm=\"orders\""));
        AuthOutcome unauthorized = await(check(ext("")));
        assertThat(unauthorized.kind()).isEqualTo(AuthOutcome.Kind.DENIED);
        assertThat(unauthorized.status().code()).isEqualTo(401);
        assertThat(unauthorized.replyHeaders().get("WWW-Authenticate")).isEqualTo("Bearer realm=\"orders\"");
        authz.on("/check/orders/7", Behaviour.status(403));
        AuthOutcome forbidden = await(check(ext("")));
        assertThat(forbidden.status().code()).isEqualTo(403);
        assertThat(forbidden.replyHeaders()).isNull();
    }

    @Test
    void aServerErrorOrTimeoutFailsTheStageUnlessFailuresAreAllowed() {
        authz.on("/check/orders/7", Behaviour.status(503));
        assertThat(check(ext(""))).failsWithin(WAIT).withThrowableOfType(ExecutionException.class)
                .withMessageContaining("answered 503");
        AuthOutcome allowed = await(check(ext("on-failure: allow")));
        assertThat(allowed.kind()).isEqualTo(AuthOutcome.Kind.AUTHENTICATED);
        assertThat(allowed.identity().consumer().name()).isEqualTo(ExtAuthenticator.UNNAMED_CONSUMER);

        authz.on("/check/orders/7", Behaviour.neverAnswers());
        assertThat(check(ext("timeout: 200ms"))).failsWithin(WAIT).withThrowableOfType(ExecutionException.class)
                .withCauseInstanceOf(java.util.concurrent.TimeoutException.class);
        assertThat(await(check(ext("timeout: 200ms\non-failure: allow"))).kind())
                .isEqualTo(AuthOutcome.Kind.AUTHENTICATED);
    }

    @Test
    void anUnreachableServiceIsAFailure() {
        ExtAuthConfig config = AuthFixtures.method("any-of: [ext-auth]\next-auth:\n  url: http://"
                + TestOrigin.closedAuthority() + "/check\n");
        ExtAuthenticator ext = new ExtAuthenticator(config, AuthFixtures.resources(services));
        assertThat(check(ext)).failsWithin(WAIT).withThrowableOfType(ExecutionException.class);
    }

    @Test
    void cancellingTheStageStopsTheCall() {
        authz.on("/check/orders/7", Behaviour.neverAnswers());
        CompletableFuture<AuthOutcome> pending = check(ext("timeout: 5m"));
        authz.awaitOpenConnections(1, WAIT);

        pending.cancel(true);

        authz.awaitOpenConnections(0, WAIT);
    }
}
