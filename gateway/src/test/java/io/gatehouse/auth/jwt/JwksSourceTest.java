package io.gatehouse.auth.jwt;

import static io.gatehouse.auth.AuthFixtures.WAIT;
import static io.gatehouse.auth.AuthFixtures.await;
import static io.gatehouse.auth.AuthFixtures.context;
import static io.gatehouse.auth.AuthFixtures.get;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import io.gatehouse.auth.AuthFixtures;
import io.gatehouse.auth.AuthOutcome;
import io.gatehouse.auth.AuthServices;
import io.gatehouse.config.JwtAuthConfig;
import io.gatehouse.testing.Behaviour;
import io.gatehouse.testing.Eventually;
import io.gatehouse.testing.MutableClock;
import io.gatehouse.testing.TestOrigin;
import io.gatehouse.testing.TestResources;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Keys fetched from a JWKS URL served by a real origin whose key set the test rotates. */
class JwksSourceTest {

    private static final RSAKey FIRST = Tokens.rsa("k1");
    private static final ECKey SECOND = Tokens.ec(Curve.P_256, "k2");
    private static final RSAKey THIRD = Tokens.rsa("k3");

    private final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
    private final AuthServices services = AuthFixtures.services(clock);
    private final TestOrigin idp = TestOrigin.start("idp");

    @AfterEach
    void close() {
        TestResources.closeAll(services, idp);
    }

    private static Behaviour keySet(com.nimbusds.jose.jwk.JWK... keys) {
        return Behaviour.status(200).header("content-type", "application/json").body(Tokens.jwks(keys));
    }

    private JwtAuthenticator jwt(String extra) {
        JwtAuthConfig config = AuthFixtures.method("any-of: [jwt]\njwt:\n  jwks-url: " + idp.uri("/jwks")
                + "\n  jwks-min-refetch: 30s\n" + extra.indent(2));
        return new JwtAuthenticator(config, AuthFixtures.resources(services));
    }

    private CompletionStage<AuthOutcome> check(JwtAuthenticator jwt, com.nimbusds.jose.jwk.JWK key,
                                               JWSAlgorithm alg) {
        return jwt.authenticate(context(), get("/x", "Authorization", "Bearer "
                + Tokens.sign(key, alg, Tokens.claims("alice", clock.instant()).build())));
    }

    private int fetches() {
        return (int) idp.requests().stream().filter(request -> request.path().equals("/jwks")).count();
    }

    @Test
    void aRotatedKeyIsFetchedOnItsFirstTokenAndRefetchesAreRateLimited() throws Exception {
        idp.on("/jwks", keySet(FIRST));
        JwtAuthenticator jwt = jwt("");
        assertThat(await(check(jwt, FIRST, JWSAlgorithm.RS256)).kind()).isEqualTo(AuthOutcome.Kind.AUTHENTICATED);
        assertThat(fetches()).isEqualTo(1);

        idp.on("/jwks", keySet(FIRST, SECOND));
        assertThat(await(check(jwt, SECOND, JWSAlgorithm.ES256)).kind()).as("within jwks-min-refetch of the first")
                .isEqualTo(AuthOutcome.Kind.INVALID);
        assertThat(fetches()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(31));
        assertThat(await(check(jwt, SECOND, JWSAlgorithm.ES256)).kind()).isEqualTo(AuthOutcome.Kind.AUTHENTICATED);
        assertThat(fetches()).isEqualTo(2);

        idp.on("/jwks", keySet(SECOND, THIRD));
        AuthOutcome tooSoon = await(check(jwt, THIRD, JWSAlgorithm.RS256));
        assertThat(tooSoon.kind()).isEqualTo(AuthOutcome.Kind.INVALID);
        assertThat(fetches()).isEqualTo(2);

        clock.advance(Duration.ofSeconds(31));
        assertThat(await(check(jwt, THIRD, JWSAlgorithm.RS256)).kind()).isEqualTo(AuthOutcome.Kind.AUTHENTICATED);
        assertThat(fetches()).isEqualTo(3);
        assertThat(await(check(jwt, FIRST, JWSAlgorithm.RS256)).kind()).isEqualTo(AuthOutcome.Kind.INVALID);
    }

    @Test
    void aRequestWaitsForTheFetchInFlight() throws Exception {
        CompletableFuture<Void> release = new CompletableFuture<>();
        idp.on("/jwks", Behaviour.sequence(keySet(FIRST), keySet(FIRST, SECOND).holdResponseUntil(release)));
        JwtAuthenticator jwt = jwt("");
        assertThat(await(check(jwt, FIRST, JWSAlgorithm.RS256)).kind()).isEqualTo(AuthOutcome.Kind.AUTHENTICATED);
        clock.advance(Duration.ofSeconds(31));
        CompletableFuture<AuthOutcome> first = check(jwt, SECOND, JWSAlgorithm.ES256).toCompletableFuture();
        CompletableFuture<AuthOutcome> second = check(jwt, SECOND, JWSAlgorithm.ES256).toCompletableFuture();
        idp.awaitRequests(2, WAIT);
        assertThat(first).isNotDone();
        release.complete(null);
        assertThat(await(first).kind()).isEqualTo(AuthOutcome.Kind.AUTHENTICATED);
        assertThat(await(second).kind()).isEqualTo(AuthOutcome.Kind.AUTHENTICATED);
        assertThat(fetches()).isEqualTo(2);
    }

    @Test
    void aFailingFetchKeepsTheLastKeys() throws Exception {
        idp.on("/jwks", keySet(FIRST));
        JwtAuthenticator jwt = jwt("");
        assertThat(await(check(jwt, FIRST, JWSAlgorithm.RS256)).kind()).isEqualTo(AuthOutcome.Kind.AUTHENTICATED);
        idp.on("/jwks", Behaviour.status(500).body("down"));
        clock.advance(Duration.ofSeconds(31));
        assertThat(await(check(jwt, SECOND, JWSAlgorithm.ES256)).kind()).isEqualTo(AuthOutcome.Kind.INVALID);
        assertThat(fetches()).isEqualTo(2);
        assertThat(await(check(jwt, FIRST, JWSAlgorithm.RS256)).kind()).isEqualTo(AuthOutcome.Kind.AUTHENTICATED);
    }

    @Test
    void withoutAnyKeysYetAFailedFetchFailsTheStageRatherThanTheToken() {
        idp.on("/jwks", Behaviour.status(503));
        JwtAuthenticator jwt = jwt("");
        Eventually.await("the first fetch", WAIT, () -> fetches() == 1);
        clock.advance(Duration.ofMinutes(1));
        CompletableFuture<AuthOutcome> outcome = check(jwt, FIRST, JWSAlgorithm.RS256).toCompletableFuture();
        assertThat(outcome).failsWithin(WAIT).withThrowableOfType(ExecutionException.class)
                .withMessageContaining("no keys from");
    }

    @Test
    void aFetchThatTimesOutKeepsNothingAndFails() {
        idp.on("/jwks", Behaviour.neverAnswers());
        JwtAuthenticator jwt = jwt("timeout: 200ms");
        CompletableFuture<AuthOutcome> outcome = check(jwt, FIRST, JWSAlgorithm.RS256).toCompletableFuture();
        assertThat(outcome).failsWithin(WAIT).withThrowableOfType(ExecutionException.class)
                .withMessageContaining("no keys from");
    }

    @Test
    void theKeySetIsRefreshedOnSchedule() {
        idp.on("/jwks", keySet(FIRST));
        JwtAuthenticator jwt = jwt("jwks-refresh: 50ms");
        Eventually.await("three scheduled fetches", WAIT, () -> fetches() >= 3);
        assertThat(await(check(jwt, FIRST, JWSAlgorithm.RS256)).kind()).isEqualTo(AuthOutcome.Kind.AUTHENTICATED);
    }

    @Test
    void routesNamingTheSameKeySetShareItAndItsFetches() {
        idp.on("/jwks", keySet(FIRST));
        JwtAuthenticator one = jwt("");
        JwtAuthenticator two = jwt("");
        assertThat(await(check(one, FIRST, JWSAlgorithm.RS256)).kind()).isEqualTo(AuthOutcome.Kind.AUTHENTICATED);
        assertThat(await(check(two, FIRST, JWSAlgorithm.RS256)).kind()).isEqualTo(AuthOutcome.Kind.AUTHENTICATED);
        assertThat(fetches()).isEqualTo(1);
    }
}
