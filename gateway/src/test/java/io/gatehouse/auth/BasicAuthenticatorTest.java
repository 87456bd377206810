package io.gatehouse.auth;

import static io.gatehouse.auth.AuthTestSupport.consumer;
import static io.gatehouse.auth.AuthTestSupport.context;
import static io.gatehouse.auth.AuthTestSupport.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import at.favre.lib.crypto.bcrypt.BCrypt;
import io.gatehouse.config.BasicAuthConfig;
import io.gatehouse.config.ConsumerConfig.BasicCredential;
import io.netty.handler.codec.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BasicAuthenticatorTest {

    private static final String ALICE_HASH = BCrypt.withDefaults().hashToString(4, "wonderland".toCharArray());
    private static final Consumers CONSUMERS = Consumers.of(List.of(
            consumer("alice", List.of(), List.of(new BasicCredential("alice", ALICE_HASH)))));
    private static final BasicAuthConfig DEFAULTS = new BasicAuthConfig("gatehouse", Duration.ofSeconds(30), 100,
            false);

    private final ExecutorService pool = Executors.newSingleThreadExecutor();
    /** Counts bcrypt checks: every one runs as a task on the blocking pool. */
    private final AtomicInteger checks = new AtomicInteger();
    private final Executor counting = task -> {
        checks.incrementAndGet();
        pool.execute(task);
    };
    private final AtomicLong nanos = new AtomicLong();

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    private BasicAuthenticator authenticator(BasicAuthConfig config) {
        return new BasicAuthenticator(config, CONSUMERS, counting, nanos::get);
    }

    private static HttpRequest basic(String userAndPassword) {
        return get("/", "Authorization", "Basic " + Base64.getEncoder()
                .encodeToString(userAndPassword.getBytes(StandardCharsets.UTF_8)));
    }

    private static AuthOutcome outcome(BasicAuthenticator authenticator, HttpRequest request) {
        return authenticator.authenticate(context(), request).toCompletableFuture().orTimeout(5, TimeUnit.SECONDS)
                .join();
    }

    @Test
    void theRightPasswordNamesTheConsumerAfterACheckOffTheCallingThread() {
        AuthOutcome outcome = outcome(authenticator(DEFAULTS), basic("alice:wonderland"));

        assertThat(outcome.kind()).isEqualTo(AuthOutcome.Kind.AUTHENTICATED);
        assertThat(outcome.identity().consumer().name()).isEqualTo("alice");
        assertThat(outcome.identity().method()).isEqualTo("basic-auth");
        assertThat(checks).hasValue(1);
    }

    @Test
    void aWrongPasswordAndAnUnknownUserAreInvalidAndCostOneCheckEach() {
        BasicAuthenticator authenticator = authenticator(DEFAULTS);

        assertThat(outcome(authenticator, basic("alice:looking-glass")).kind()).isEqualTo(AuthOutcome.Kind.INVALID);
        assertThat(outcome(authenticator, basic("mallory:wonderland")).kind()).isEqualTo(AuthOutcome.Kind.INVALID);
        assertThat(checks).hasValue(2);
        assertThat(outcome(authenticator, basic("alice:looking-glass")).reason()).doesNotContain("looking-glass");
    }

    @Test
    void successfulChecksAreCachedUntilTheirTimeToLive() {
        BasicAuthenticator authenticator = authenticator(DEFAULTS);

        outcome(authenticator, basic("alice:wonderland"));
        AuthOutcome cached = authenticator.authenticate(context(), basic("alice:wonderland")).toCompletableFuture()
                .getNow(null);
        assertThat(cached).as("answered at once from the cache").isNotNull();
        assertThat(cached.identity().consumer().name()).isEqualTo("alice");
        assertThat(checks).hasValue(1);

        outcome(authenticator, basic("alice:wrong"));
        outcome(authenticator, basic("alice:wrong"));
        assertThat(checks).as("failures are never cached").hasValue(3);

        nanos.addAndGet(Duration.ofSeconds(31).toNanos());
        assertThat(outcome(authenticator, basic("alice:wonderland")).kind()).isEqualTo(AuthOutcome.Kind.AUTHENTICATED);
        assertThat(checks).hasValue(4);
    }

    @Test
    void aZeroTimeToLiveChecksEveryRequest() {
        BasicAuthenticator authenticator = authenticator(new BasicAuthConfig("r", Duration.ZERO, 100, false));
        outcome(authenticator, basic("alice:wonderland"));
        outcome(authenticator, basic("alice:wonderland"));
        assertThat(checks).hasValue(2);
    }

    @Test
    void otherSchemesAreNoCredentialAndMalformedBasicIsInvalid() {
        BasicAuthenticator authenticator = authenticator(DEFAULTS);

        assertThat(outcome(authenticator, get("/")).kind()).isEqualTo(AuthOutcome.Kind.NO_CREDENTIAL);
        assertThat(outcome(authenticator, get("/", "Authorization", "Bearer abc")).kind())
                .isEqualTo(AuthOutcome.Kind.NO_CREDENTIAL);
        assertThat(outcome(authenticator, get("/", "Authorization", "Basic !!!")).kind())
                .isEqualTo(AuthOutcome.Kind.INVALID);
        assertThat(outcome(authenticator, basic("no-colon")).kind()).isEqualTo(AuthOutcome.Kind.INVALID);
        assertThat(outcome(authenticator, get("/", "Authorization", "basic "
                + Base64.getEncoder().encodeToString("alice:wonderland".getBytes(StandardCharsets.UTF_8))))
                .kind()).as("the scheme is case-insensitive").isEqualTo(AuthOutcome.Kind.AUTHENTICATED);
        assertThat(outcome(authenticator, get("/", "Authorization", "Basic YTpi", "Authorization", "Basic YTpi"))
                .kind()).isEqualTo(AuthOutcome.Kind.INVALID);
    }

    @Test
    void aFullPoolFailsTheStage() {
        BasicAuthenticator authenticator = new BasicAuthenticator(DEFAULTS, CONSUMERS, task -> {
            throw new RejectedExecutionException("full");
        }, nanos::get);

        assertThatThrownBy(() -> outcome(authenticator, basic("alice:wonderland")))
                .isInstanceOf(CompletionException.class).hasCauseInstanceOf(RejectedExecutionException.class);
    }

    @Test
    void stripsOnlyBasicCredentialsUnlessKept() {
        HttpRequest request = basic("alice:wonderland");
        authenticator(DEFAULTS).stripCredential(request);
        assertThat(request.headers().contains("Authorization")).isFalse();

        HttpRequest bearer = get("/", "Authorization", "Bearer abc");
        authenticator(DEFAULTS).stripCredential(bearer);
        assertThat(bearer.headers().get("Authorization")).isEqualTo("Bearer abc");

        HttpRequest kept = basic("alice:wonderland");
        authenticator(new BasicAuthConfig("r", Duration.ZERO, 0, true)).stripCredential(kept);
        assertThat(kept.headers().contains("Authorization")).isTrue();
    }

    @Test
    void theChallengeNamesTheRealmAndCharset() {
        assertThat(authenticator(DEFAULTS).challenge()).isEqualTo("Basic realm=\"gatehouse\", charset=\"UTF-8\"");
    }
}
