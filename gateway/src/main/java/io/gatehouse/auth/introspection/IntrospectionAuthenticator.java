package io.gatehouse.auth.introspection;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.gatehouse.auth.AuthOutcome;
import io.gatehouse.auth.AuthResources;
import io.gatehouse.auth.Consumers;
import io.gatehouse.auth.Identity;
import io.gatehouse.auth.token.BearerAuthenticator;
import io.gatehouse.auth.token.ClaimValues;
import io.gatehouse.config.IntrospectionAuthConfig;
import io.gatehouse.context.RequestContext;
import io.gatehouse.filter.Cancellation;
import io.netty.handler.codec.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code oauth2-introspection}: asks the authorization server whether a token is active (RFC 7662). Answers are
 * cached by the token's SHA-256, never the token itself, until the token's {@code exp} or {@code cache-ttl},
 * whichever comes first; requests for the same token while a call is in flight share it, and it is stopped once
 * none of them waits any more. A failed or late call fails the stage (503) and is not cached.
 */
public final class IntrospectionAuthenticator extends BearerAuthenticator {

    public static final String METHOD = "oauth2-introspection";
    /** Where the consumer's name is looked for when {@code consumer-claim} is not set. */
    static final List<String> DEFAULT_CONSUMER_MEMBERS = List.of("username", "sub", "client_id");

    /** An answer and until when (on the clock, in milliseconds) it may be reused. */
    private record Answer(AuthOutcome outcome, long expiresAtMillis) {
    }

    /**
     * An entry lives until its answer's own end; reading or replacing it does not extend that. The duration is
     * counted from {@code currentTime}, the cache's ticker reading that it adds the duration to, not from a fresh
     * reading of the clock: the two differ when the cache settles an answer after the clock moved on.
     */
    private record UntilAnswerExpires() implements Expiry<String, Answer> {

        @Override
        public long expireAfterCreate(String key, Answer answer, long currentTime) {
            return Math.max(0, TimeUnit.MILLISECONDS.toNanos(answer.expiresAtMillis()) - currentTime);
        }

        @Override
        public long expireAfterUpdate(String key, Answer answer, long currentTime, long currentDuration) {
            return expireAfterCreate(key, answer, currentTime);
        }

        @Override
        public long expireAfterRead(String key, Answer answer, long currentTime, long currentDuration) {
            return currentDuration;
        }
    }

    private final IntrospectionAuthConfig config;
    private final IntrospectionCall call;
    private final Consumers consumers;
    private final Clock clock;
    /** Null when caching is off ({@code cache-ttl: 0} or {@code cache-size: 0}). */
    private final AsyncCache<String, Answer> cache;

    public IntrospectionAuthenticator(IntrospectionAuthConfig config, AuthResources resources) {
        super(METHOD, config.token(), config.realm());
        this.config = config;
        this.call = new IntrospectionCall(config, resources.services().http());
        this.consumers = resources.consumers();
        this.clock = resources.services().clock();
        this.cache = config.cacheTtl().isZero() || config.cacheSize() == 0 ? null : Caffeine.newBuilder()
                .maximumSize(config.cacheSize())
                .executor(Runnable::run)
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .expireAfter(new UntilAnswerExpires())
                .buildAsync();
    }

    @Override
    public CompletionStage<AuthOutcome> authenticate(RequestContext ctx, HttpRequest request) {
        String token = tokens.find(request);
        if (token == null) {
            return CompletableFuture.completedFuture(AuthOutcome.noCredential());
        }
        CompletableFuture<Answer> answer = cache == null ? ask(token) : cached(token);
        if (answer.isDone()) {
            return answer.thenApply(Answer::outcome);
        }
        if (!(answer instanceof SharedCall shared)) {
            return Cancellation.propagate(answer.thenApply(Answer::outcome), answer);
        }
        if (!shared.enter()) {
            // Everyone who waited for it left just now, and it is being stopped: this request asks on its own.
            CompletableFuture<Answer> own = ask(token);
            return Cancellation.propagate(own.thenApply(Answer::outcome), own);
        }
        CompletableFuture<AuthOutcome> outcome = answer.thenApply(Answer::outcome);
        outcome.whenComplete((value, error) -> {
            if (outcome.isCancelled()) {
                shared.leave();
            }
        });
        return outcome;
    }

    @Override
    public Duration timeout() {
        return config.timeout();
    }

    /** The cached answer for the token, or the call in flight for it, or a new one. */
    private CompletableFuture<Answer> cached(String token) {
        String key = sha256(token);
        CompletableFuture<Answer> answer = cache.get(key, (hash, executor) -> new SharedCall(ask(token)));
        if (answer.isCompletedExceptionally() || expired(answer)) {
            // A failure is no answer to reuse, nor is an expired one, though the cache may not have dropped it yet:
            // it sets an answer's expiry only once its own completion callback has run.
            cache.asMap().remove(key, answer);
            answer = cache.get(key, (hash, executor) -> new SharedCall(ask(token)));
        }
        return answer;
    }

    private boolean expired(CompletableFuture<Answer> answer) {
        return answer.isDone() && answer.join().expiresAtMillis() <= clock.millis();
    }

    private CompletableFuture<Answer> ask(String token) {
        CompletableFuture<JsonNode> call = this.call.introspect(token);
        return Cancellation.propagate(call.thenApply(this::answer), call);
    }

    /**
     * A call that requests for the same token wait for together; it is stopped once every one of them has left
     * (their exchanges ended first), and the cache then forgets it.
     */
    private static final class SharedCall extends CompletableFuture<Answer> {

        /** Requests waiting; -1 once the call was given up. */
        private final AtomicInteger waiting = new AtomicInteger();
        private final CompletableFuture<Answer> call;

        SharedCall(CompletableFuture<Answer> call) {
            this.call = call;
            call.whenComplete((answer, error) -> {
                if (error != null) {
                    completeExceptionally(error);
                } else {
                    complete(answer);
                }
            });
        }

        /** Joins the waiters; false when the call was given up already. */
        boolean enter() {
            for (int now = waiting.get(); now >= 0; now = waiting.get()) {
                if (waiting.compareAndSet(now, now + 1)) {
                    return true;
                }
            }
            return false;
        }

        void leave() {
            if (waiting.decrementAndGet() == 0 && waiting.compareAndSet(0, -1)) {
                // Itself first, so that the cache drops it before the call is stopped.
                cancel(true);
                call.cancel(true);
            }
        }
    }

    private Answer answer(JsonNode body) {
        long now = clock.millis();
        long until = now + config.cacheTtl().toMillis();
        if (!body.path("active").asBoolean(false)) {
            return new Answer(AuthOutcome.invalid("the token is not active"), until);
        }
        if (body.path("exp").canConvertToLong()) {
            until = Math.min(until, body.path("exp").asLong() * 1000);
        }
        String name = consumerName(body);
        if (name == null) {
            return new Answer(AuthOutcome.invalid("the answer names no consumer (looked at "
                    + (config.consumerClaim() != null ? config.consumerClaim() : DEFAULT_CONSUMER_MEMBERS) + ")"),
                    until);
        }
        String scope = body.path("scope").isTextual() ? body.path("scope").asText() : null;
        Identity identity = new Identity(ClaimValues.consumer(consumers, name), METHOD, ClaimValues.scopes(scope));
        return new Answer(AuthOutcome.authenticated(identity), until);
    }

    private String consumerName(JsonNode body) {
        for (String member : config.consumerClaim() != null ? List.of(config.consumerClaim())
                : DEFAULT_CONSUMER_MEMBERS) {
            JsonNode value = body.path(member);
            if (value.isTextual() && !value.asText().isEmpty()) {
                return value.asText();
            }
        }
        return null;
    }

    static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
