package io.gatehouse.auth;

import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategies;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.gatehouse.config.BasicAuthConfig;
import io.gatehouse.config.ConsumerConfig;
import io.gatehouse.context.RequestContext;
import io.gatehouse.internal.NanoClock;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * {@code basic-auth}: a user name and password checked against the consumer's bcrypt hash. bcrypt is slow by design,
 * so checks run on the blocking pool, and a successful one is remembered briefly under the SHA-256 of the user and
 * password (never the password itself). An unknown user costs the same bcrypt check as a known one, against a fixed
 * hash, so that response times do not reveal which user names exist.
 */
final class BasicAuthenticator implements Authenticator {

    /** The hash of a password nobody knows, at the cost hashes made at load have. */
    private static final String UNKNOWN_USER_HASH = "$2a$10$5xK32pW.6XPC.61rj15pKeWnQpfooJtNyzR8pvjaprXOwRbr2Bh26";
    /** bcrypt reads 72 bytes of a password; longer ones are cut there, as other bcrypt implementations do. */
    private static final BCrypt.Verifyer VERIFIER = BCrypt.verifyer(BCrypt.Version.VERSION_2A,
            LongPasswordStrategies.truncate(BCrypt.Version.VERSION_2A));

    /** A user's hash and the identity a correct password gives. */
    private record User(String bcrypt, Identity identity) {
    }

    private final BasicAuthConfig config;
    private final String challenge;
    private final Executor blocking;
    private final Map<String, User> users = new HashMap<>();
    /** Successful checks by SHA-256 of user, NUL, password; null when caching is off. */
    private final Cache<String, Identity> verified;

    BasicAuthenticator(BasicAuthConfig config, Consumers consumers, Executor blocking, NanoClock clock) {
        this.config = config;
        this.challenge = "Basic realm=\"" + config.realm() + "\", charset=\"UTF-8\"";
        this.blocking = blocking;
        for (ConsumerConfig consumer : consumers.configs()) {
            Identity identity = new Identity(consumers.named(consumer.name()), method(), Set.of());
            for (ConsumerConfig.BasicCredential user : consumer.basic()) {
                users.put(user.username(), new User(user.bcrypt(), identity));
            }
        }
        this.verified = config.cacheTtl().isZero() || config.cacheSize() == 0 ? null : Caffeine.newBuilder()
                .maximumSize(config.cacheSize())
                .expireAfterWrite(config.cacheTtl())
                .ticker(clock::nanoTime)
                .executor(Runnable::run)
                .build();
    }

    @Override
    public String method() {
        return config.method();
    }

    @Override
    public String challenge() {
        return challenge;
    }

    @Override
    public CompletionStage<AuthOutcome> authenticate(RequestContext ctx, HttpRequest request) {
        BasicCredentials credentials = BasicCredentials.of(request.headers());
        if (credentials == null) {
            return CompletableFuture.completedStage(AuthOutcome.noCredential());
        }
        if (credentials.problem() != null) {
            return CompletableFuture.completedStage(AuthOutcome.invalid(credentials.problem()));
        }
        String cacheKey = ConsumerConfig.KeyCredential.sha256Hex(credentials.user() + '\0' + credentials.password());
        Identity known = verified == null ? null : verified.getIfPresent(cacheKey);
        if (known != null) {
            return CompletableFuture.completedStage(AuthOutcome.authenticated(known));
        }
        User user = users.get(credentials.user());
        try {
            return CompletableFuture.supplyAsync(() -> check(credentials, user, cacheKey), blocking);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedStage(e);
        }
    }

    /** Runs on the blocking pool. */
    private AuthOutcome check(BasicCredentials credentials, User user, String cacheKey) {
        boolean matches = VERIFIER.verify(credentials.password().toCharArray(),
                user == null ? UNKNOWN_USER_HASH : user.bcrypt()).verified;
        if (user == null) {
            return AuthOutcome.invalid("unknown user");
        }
        if (!matches) {
            return AuthOutcome.invalid("wrong password");
        }
        if (verified != null) {
            verified.put(cacheKey, user.identity());
        }
        return AuthOutcome.authenticated(user.identity());
    }

    @Override
    public void stripCredential(HttpRequest request) {
        String field = request.headers().get(HttpHeaderNames.AUTHORIZATION);
        if (!config.keepCredential() && field != null && BasicCredentials.isBasic(field)) {
            request.headers().remove(HttpHeaderNames.AUTHORIZATION);
        }
    }
}
