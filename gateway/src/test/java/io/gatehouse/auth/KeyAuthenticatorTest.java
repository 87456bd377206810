package io.gatehouse.auth;

import static io.gatehouse.auth.AuthTestSupport.consumer;
import static io.gatehouse.auth.AuthTestSupport.context;
import static io.gatehouse.auth.AuthTestSupport.get;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.config.ConsumerConfig.KeyCredential;
import io.gatehouse.config.KeyAuthConfig;
import io.netty.handler.codec.http.HttpRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyAuthenticatorTest {

    private static final String ALICE_KEY = "alice-key-0123456789";
    private static final String BOB_KEY = "bob-key-0123456789ab";
    private static final Consumers CONSUMERS = Consumers.of(List.of(
            consumer("alice", List.of(KeyCredential.ofKey(ALICE_KEY)), List.of()),
            consumer("bob", List.of(KeyCredential.ofKey("old-bob-key-0123456"), KeyCredential.ofKey(BOB_KEY)),
                    List.of())));

    private static KeyAuthenticator authenticator(List<String> headers, String query, boolean keep) {
        return new KeyAuthenticator(new KeyAuthConfig(headers, query, keep, "gatehouse"), CONSUMERS);
    }

    private final KeyAuthenticator byHeader = authenticator(List.of("X-Api-Key"), null, false);

    private static AuthOutcome outcome(KeyAuthenticator authenticator, HttpRequest request) {
        return authenticator.authenticate(context(), request).toCompletableFuture().join();
    }

    @Test
    void aKnownKeyNamesItsConsumer() {
        AuthOutcome alice = outcome(byHeader, get("/", "X-Api-Key", ALICE_KEY));
        AuthOutcome bob = outcome(byHeader, get("/", "x-api-key", BOB_KEY));

        assertThat(alice.kind()).isEqualTo(AuthOutcome.Kind.AUTHENTICATED);
        assertThat(alice.identity().consumer().name()).isEqualTo("alice");
        assertThat(alice.identity().consumer().groups()).containsExactly("staff");
        assertThat(alice.identity().method()).isEqualTo("key-auth");
        assertThat(bob.identity().consumer().name()).isEqualTo("bob");
    }

    @Test
    void noKeyIsNoCredentialAndAWrongOrRepeatedKeyIsInvalid() {
        assertThat(outcome(byHeader, get("/")).kind()).isEqualTo(AuthOutcome.Kind.NO_CREDENTIAL);
        assertThat(outcome(byHeader, get("/", "X-Api-Key", ALICE_KEY + "x")).kind())
                .isEqualTo(AuthOutcome.Kind.INVALID);
        assertThat(outcome(byHeader, get("/", "X-Api-Key", "")).kind()).isEqualTo(AuthOutcome.Kind.INVALID);
        assertThat(outcome(byHeader, get("/", "X-Api-Key", ALICE_KEY, "X-Api-Key", BOB_KEY)).kind())
                .isEqualTo(AuthOutcome.Kind.INVALID);
        assertThat(outcome(byHeader, get("/", "X-Api-Key", ALICE_KEY + "x")).reason()).doesNotContain(ALICE_KEY);
    }

    @Test
    void headersAreTriedInOrderThenTheQueryParameter() {
        KeyAuthenticator both = authenticator(List.of("X-Api-Key", "apikey"), "api_key", false);

        assertThat(outcome(both, get("/", "apikey", BOB_KEY)).identity().consumer().name()).isEqualTo("bob");
        assertThat(outcome(both, get("/?page=2&api_key=" + ALICE_KEY)).identity().consumer().name())
                .isEqualTo("alice");
        assertThat(outcome(both, get("/?api_key=" + ALICE_KEY, "X-Api-Key", BOB_KEY)).identity().consumer().name())
                .isEqualTo("bob");
        assertThat(outcome(byHeader, get("/?api_key=" + ALICE_KEY)).kind()).isEqualTo(AuthOutcome.Kind.NO_CREDENTIAL);
    }

    @Test
    void theCredentialIsStrippedUnlessKept() {
        HttpRequest request = get("/items?page=2&api_key=" + ALICE_KEY + "&q=a%20b", "X-Api-Key", ALICE_KEY,
                "apikey", BOB_KEY);
        authenticator(List.of("X-Api-Key", "apikey"), "api_key", false).stripCredential(request);
        assertThat(request.headers().names()).isEmpty();
        assertThat(request.uri()).isEqualTo("/items?page=2&q=a%20b");

        HttpRequest kept = get("/items?api_key=" + ALICE_KEY, "X-Api-Key", ALICE_KEY);
        authenticator(List.of("X-Api-Key"), "api_key", true).stripCredential(kept);
        assertThat(kept.headers().get("X-Api-Key")).isEqualTo(ALICE_KEY);
        assertThat(kept.uri()).isEqualTo("/items?api_key=" + ALICE_KEY);
    }

    @Test
    void theChallengeNamesTheRealm() {
        assertThat(byHeader.challenge()).isEqualTo("ApiKey realm=\"gatehouse\"");
    }
}
