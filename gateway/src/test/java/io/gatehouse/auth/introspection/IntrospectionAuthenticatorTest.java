package io.gatehouse.auth.introspection;

import static io.gatehouse.auth.AuthFixtures.WAIT;
import static io.gatehouse.auth.AuthFixtures.await;
import static io.gatehouse.auth.AuthFixtures.context;
import static io.gatehouse.auth.AuthFixtures.get;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.auth.AuthFixtures;
import io.gatehouse.auth.AuthOutcome;
import io.gatehouse.auth.AuthServices;
import io.gatehouse.config.IntrospectionAuthConfig;
import io.gatehouse.testing.Behaviour;
import io.gatehouse.testing.Eventually;
import io.gatehouse.testing.MutableClock;
import io.gatehouse.testing.RecordedRequest;
import io.gatehouse.testing.TestOrigin;
import io.gatehouse.testing.TestResources;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.zip.CRC32;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Token introspection against a real endpoint on loopback, with answers cached on a test clock. */
class IntrospectionAuthenticatorTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
    private final AuthServices services = AuthFixtures.services(clock);
    private final TestOrigin idp = TestOrigin.start("idp");

    @AfterEach
    void close() {
        TestResources.closeAll(services, idp);
    }

    private IntrospectionAuthenticator introspection(String extra) {
        IntrospectionAuthConfig config = AuthFixtures.method("any-of: [oauth2-introspection]\n"
                + "oauth2-introspection:\n  url: " + idp.uri("/introspect") + "\n  client-id: gateway\n"
                + "  client-secret: \"${CLIENT_SECRET}\"\n" + extra.indent(2),
                Map.of("CLIENT_SECRET", "s3cret&more"));
        return new IntrospectionAuthenticator(config, AuthFixtures.resources(services,
                AuthFixtures.consumer("alice", "staff")));
    }

    private static Behaviour answer(String json) {
        return Behaviour.status(200).header("content-type", "application/json").body(json);
    }

    private CompletableFuture<AuthOutcome> check(IntrospectionAuthenticator introspection, String token) {
        return introspection.authenticate(context(), get("/x", "Authorization", "Bearer " + token))
                .toCompletableFuture();
    }

    private int calls() {
        return idp.requests().size();
    }

    @Test
    void anActiveTokenNamesTheConsumerAndScopes() {
        idp.on("/introspect", answer(
                "{\"active\":true,\"username\":\"alice\",\"sub\":\"u-1\",\"scope\":\"read write\"}"));
        AuthOutcome outcome = await(check(introspection(""), "tok en/1"));
        assertThat(outcome.kind()).isEqualTo(AuthOutcome.Kind.AUTHENTICATED);
        assertThat(outcome.identity().consumer().name()).isEqualTo("alice");
        assertThat(outcome.identity().consumer().groups()).containsExactly("staff");
        assertThat(outcome.identity().scopes()).containsExactlyInAnyOrder("read", "write");
        RecordedRequest call = idp.awaitRequests(1, WAIT).get(0);
        assertThat(call.method()).isEqualTo("POST");
        assertThat(call.header("Authorization")).isEqualTo("Basic " + Base64.getEncoder().encodeToString(
                "gateway:s3cret%26more".getBytes(StandardCharsets.UTF_8)));
        assertThat(call.header("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
        CRC32 crc = new CRC32();
        crc.update("token=tok+en%2F1&token_type_hint=access_token".getBytes(StandardCharsets.UTF_8));
        assertThat(call.bodyCrc32()).isEqualTo(crc.getValue());
    }

    @Test
    void theConsumerClaimPicksTheMember() {
        idp.on("/introspect", answer("{\"active\":true,\"username\":\"alice\",\"sub\":\"u-1\"}"));
        assertThat(await(check(introspection("consumer-claim: sub"), "t")).identity().consumer().name())
                .isEqualTo("u-1");
    }

    @Test
    void anInactiveTokenIsInvalid() {
        idp.on("/introspect", answer("{\"active\":false}"));
        IntrospectionAuthenticator introspection = introspection("");
        AuthOutcome outcome = await(check(introspection, "revoked"));
        assertThat(outcome.kind()).isEqualTo(AuthOutcome.Kind.INVALID);
        assertThat(introspection.invalidChallenge()).isEqualTo("Bearer realm=\"gatehouse\", error=\"invalid_token\"");
    }

    @Test
    void answersAreCachedUntilTheTtlOrTheTokensExp() {
        long exp = clock.instant().plusSeconds(20).getEpochSecond();
        idp.on("/introspect", answer("{\"active\":true,\"sub\":\"alice\",\"exp\":" + exp + "}"));
        IntrospectionAuthenticator introspection = introspection("cache-ttl: 60s");
        await(check(introspection, "a"));
        await(check(introspection, "a"));
        assertThat(calls()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(21));
        await(check(introspection, "a"));
        assertThat(calls()).as("past the token's exp").isEqualTo(2);

        idp.on("/introspect", answer("{\"active\":true,\"sub\":\"alice\"}"));
        await(check(introspection, "b"));
        clock.advance(Duration.ofSeconds(59));
        await(check(introspection, "b"));
        assertThat(calls()).isEqualTo(3);
        clock.advance(Duration.ofSeconds(2));
        await(check(introspection, "b"));
        assertThat(calls()).as("past cache-ttl").isEqualTo(4);
    }

    @Test
    void aFailingEndpointFailsTheStageAndIsNotCached() {
        idp.on("/introspect", Behaviour.status(500).body("down"));
        IntrospectionAuthenticator introspection = introspection("");
        assertThat(check(introspection, "a")).failsWithin(WAIT).withThrowableOfType(ExecutionException.class)
                .withMessageContaining("answered 500");
        idp.on("/introspect", answer("{\"active\":true,\"sub\":\"alice\"}"));
        assertThat(await(check(introspection, "a")).kind()).isEqualTo(AuthOutcome.Kind.AUTHENTICATED);
        assertThat(calls()).isEqualTo(2);
    }

    @Test
    void aSlowEndpointTimesOut() {
        idp.on("/introspect", Behaviour.neverAnswers());
        assertThat(check(introspection("timeout: 200ms"), "a")).failsWithin(WAIT)
                .withThrowableOfType(ExecutionException.class)
                .withCauseInstanceOf(java.util.concurrent.TimeoutException.class);
    }

    @Test
    void withoutATokenNothingIsAsked() {
        AuthOutcome outcome = await(introspection("").authenticate(context(), get("/x")));
        assertThat(outcome.kind()).isEqualTo(AuthOutcome.Kind.NO_CREDENTIAL);
        assertThat(calls()).isZero();
    }

    @Test
    void theCacheKeyIsTheTokensHashNotTheToken() {
        assertThat(IntrospectionAuthenticator.sha256("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void requestsThatShareACallKeepItUntilTheLastOfThemLeaves() {
        CompletableFuture<Void> gate = new CompletableFuture<>();
        idp.on("/introspect", answer("{\"active\":true,\"username\":\"alice\"}").holdResponseUntil(gate));
        IntrospectionAuthenticator introspection = introspection("");
        CompletableFuture<AuthOutcome> leaving = check(introspection, "t");
        CompletableFuture<AuthOutcome> staying = check(introspection, "t");
        idp.awaitOpenConnections(1, WAIT);

        leaving.cancel(true);
        gate.complete(null);

        assertThat(await(staying).kind()).isEqualTo(AuthOutcome.Kind.AUTHENTICATED);
        assertThat(calls()).isEqualTo(1);
    }

    @Test
    void aCallEveryoneLeftIsStoppedAndForgotten() {
        idp.on("/introspect", Behaviour.neverAnswers());
        IntrospectionAuthenticator introspection = introspection("");
        CompletableFuture<AuthOutcome> first = check(introspection, "t");
        CompletableFuture<AuthOutcome> second = check(introspection, "t");
        idp.awaitOpenConnections(1, WAIT);

        first.cancel(true);
        second.cancel(true);

        idp.awaitOpenConnections(0, WAIT);
        CompletableFuture<AuthOutcome> next = check(introspection, "t");
        Eventually.await("a new call for the token", WAIT, () -> idp.connectionsAccepted() == 2);
        next.cancel(true);
    }

    @Test
    void anUncachedCallStopsWhenItsRequestLeaves() {
        idp.on("/introspect", Behaviour.neverAnswers());
        CompletableFuture<AuthOutcome> call = check(introspection("cache-ttl: 0s"), "t");
        idp.awaitOpenConnections(1, WAIT);

        call.cancel(true);

        idp.awaitOpenConnections(0, WAIT);
    }
}
