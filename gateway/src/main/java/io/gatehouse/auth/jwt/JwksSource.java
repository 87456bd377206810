package io.gatehouse.auth.jwt;

import com.nimbusds.jose.jwk.JWKSet;
import io.gatehouse.auth.AuthHttp;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The keys of one JWKS URL: fetched off the event loops, swapped in whole, kept when a fetch fails. At most one
 * fetch runs at a time, and requests that need a key it may bring wait for it (asynchronously) rather than fail.
 */
final class JwksSource {

    private static final Logger LOG = LoggerFactory.getLogger(JwksSource.class);

    private final URI url;
    private final Duration timeout;
    private final Duration minRefetch;
    private final AuthHttp http;
    private final Clock clock;
    /** Null until a fetch succeeded. */
    private volatile VerificationKeys keys;
    private final AtomicReference<CompletableFuture<VerificationKeys>> inFlight = new AtomicReference<>();
    /** When the last fetch started, on {@link #clock}. */
    private volatile long lastFetchMillis = Long.MIN_VALUE / 2;

    JwksSource(URI url, Duration timeout, Duration minRefetch, AuthHttp http, Clock clock) {
        this.url = url;
        this.timeout = timeout;
        this.minRefetch = minRefetch;
        this.http = http;
        this.clock = clock;
    }

    /** The keys as last fetched; empty before the first fetch succeeded. */
    VerificationKeys current() {
        VerificationKeys current = keys;
        return current == null ? VerificationKeys.EMPTY : current;
    }

    /**
     * For a token whose key is not among the current ones: the fetch in flight, or a new one unless the last
     * started less than {@code jwks-min-refetch} ago (then the current keys). Fails when no keys were ever fetched,
     * which is the gateway's problem, not the token's.
     */
    CompletionStage<VerificationKeys> keysForUnknownKey() {
        CompletableFuture<VerificationKeys> pending = inFlight.get();
        if (pending != null) {
            return pending;
        }
        if (clock.millis() - lastFetchMillis < minRefetch.toMillis()) {
            VerificationKeys current = keys;
            return current != null ? CompletableFuture.completedFuture(current)
                    : CompletableFuture.failedFuture(new IOException("no keys from " + url + " yet"));
        }
        return fetch();
    }

    /** Starts a fetch unless one is in flight; either way, the fetch that will answer. */
    CompletableFuture<VerificationKeys> fetch() {
        CompletableFuture<VerificationKeys> mine = new CompletableFuture<>();
        while (!inFlight.compareAndSet(null, mine)) {
            CompletableFuture<VerificationKeys> pending = inFlight.get();
            if (pending != null) {
                return pending;
            }
        }
        lastFetchMillis = clock.millis();
        HttpRequest request = HttpRequest.newBuilder(url).header("Accept", "application/json")
                .GET().build();
        http.send(request, timeout).handle((response, error) -> {
            String problem = error != null ? error.toString() : loaded(response);
            if (problem != null) {
                LOG.warn("fetching the key set {} failed, keeping {} keys: {}", url,
                        keys == null ? "no" : keys.size(), problem);
            }
            inFlight.set(null);
            VerificationKeys current = keys;
            if (current != null) {
                mine.complete(current);
            } else {
                mine.completeExceptionally(new IOException("no keys from " + url + ": " + problem));
            }
            return null;
        });
        return mine;
    }

    /** Swaps in the keys of a good answer; otherwise says what was wrong with it. */
    private String loaded(HttpResponse<byte[]> response) {
        if (response.statusCode() != 200) {
            return "status " + response.statusCode() + ", expected 200";
        }
        try {
            VerificationKeys fetched = VerificationKeys.of(
                    JWKSet.parse(new String(response.body(), StandardCharsets.UTF_8)).getKeys());
            keys = fetched;
            LOG.debug("fetched {} usable keys from {}", fetched.size(), url);
            return null;
        } catch (java.text.ParseException e) {
            return "not a JWK set: " + e.getMessage();
        }
    }
}
