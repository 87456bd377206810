package io.gatehouse.auth.ext;

import io.gatehouse.auth.AuthHttp;
import io.gatehouse.auth.AuthOutcome;
import io.gatehouse.auth.AuthResources;
import io.gatehouse.auth.Authenticator;
import io.gatehouse.auth.Consumer;
import io.gatehouse.auth.Consumers;
import io.gatehouse.auth.Identity;
import io.gatehouse.auth.token.ClaimValues;
import io.gatehouse.config.ExtAuthConfig;
import io.gatehouse.context.RequestContext;
import io.gatehouse.filter.Cancellation;
import io.gatehouse.observe.OccasionalWarning;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ext-auth}: asks an authorization service about each request, as Envoy's HTTP ext_authz does: the same
 * method, the request's path and query appended to the service URL's path, the configured headers, no body. A 2xx
 * lets the request in (the consumer named by the answer's consumer header), a 5xx or no answer in time is a
 * failure (503, or let in under {@code on-failure: allow}), any other status is the reply the client gets.
 */
public final class ExtAuthenticator implements Authenticator {

    public static final String METHOD = "ext-auth";
    /** The consumer of a request the service let in without naming one, or let in by {@code on-failure: allow}. */
    public static final String UNNAMED_CONSUMER = "ext-auth";

    private static final Logger LOG = LoggerFactory.getLogger(ExtAuthenticator.class);

    /** An unreachable service fails every request: one warning now and then. */
    private final OccasionalWarning failures = new OccasionalWarning(LOG);
    private final ExtAuthConfig config;
    private final AuthHttp http;
    private final Consumers consumers;
    private final String basePath;

    public ExtAuthenticator(ExtAuthConfig config, AuthResources resources) {
        this.config = config;
        this.http = resources.services().http();
        this.consumers = resources.consumers();
        String path = config.url().getRawPath() == null ? "" : config.url().getRawPath();
        this.basePath = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    @Override
    public String method() {
        return METHOD;
    }

    /** The service's own 401 carries its challenge; the gateway has none to offer for it. */
    @Override
    public String challenge() {
        return null;
    }

    @Override
    public Set<String> upstreamHeaderNames() {
        return Set.copyOf(config.upstreamHeaders());
    }

    @Override
    public CompletionStage<AuthOutcome> authenticate(RequestContext ctx,
                                                     io.netty.handler.codec.http.HttpRequest request) {
        HttpRequest check;
        try {
            check = check(request);
        } catch (IllegalArgumentException e) {
            return failure(ctx, new IOException("cannot ask about " + request.method() + " " + request.uri() + ": "
                    + e.getMessage()));
        }
        CompletableFuture<HttpResponse<byte[]>> call = http.send(check, config.timeout());
        return Cancellation.propagate(call.handle((response, error) -> {
            Throwable cause = error instanceof CompletionException ? error.getCause() : error;
            if (cause instanceof CancellationException) {
                // Nobody waits for the answer any more: no failure to report, and nobody to let in.
                return CompletableFuture.<AuthOutcome>failedFuture(cause);
            }
            if (cause != null) {
                return failure(ctx, cause);
            }
            if (response.statusCode() >= 500) {
                return failure(ctx, new IOException("authorization service " + config.url() + " answered "
                        + response.statusCode()));
            }
            return CompletableFuture.completedFuture(response.statusCode() / 100 == 2 ? allowed(response)
                    : denied(response));
        }).thenCompose(outcome -> outcome), call);
    }

    @Override
    public Duration timeout() {
        return config.timeout();
    }

    private HttpRequest check(io.netty.handler.codec.http.HttpRequest request) {
        String uri = request.uri();
        String pathAndQuery = uri.startsWith("/") ? uri : "/";
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(config.url().getScheme() + "://"
                        + config.url().getRawAuthority() + basePath + pathAndQuery))
                .method(request.method().name(), HttpRequest.BodyPublishers.noBody());
        for (String name : config.forwardHeaders()) {
            for (String value : request.headers().getAll(name)) {
                builder.header(name, value);
            }
        }
        return builder.build();
    }

    private AuthOutcome allowed(HttpResponse<byte[]> response) {
        String name = response.headers().firstValue(config.consumerHeader()).filter(value -> !value.isEmpty())
                .orElse(UNNAMED_CONSUMER);
        Consumer consumer = ClaimValues.consumer(consumers, name);
        HttpHeaders upstream = new DefaultHttpHeaders();
        for (String header : config.upstreamHeaders()) {
            for (String value : response.headers().allValues(header)) {
                upstream.add(header, value);
            }
        }
        return AuthOutcome.authenticated(new Identity(consumer, METHOD, Set.of()), upstream.isEmpty() ? null
                : upstream);
    }

    private static AuthOutcome denied(HttpResponse<byte[]> response) {
        HttpHeaders reply = new DefaultHttpHeaders();
        response.headers().allValues(HttpHeaderNames.WWW_AUTHENTICATE.toString())
                .forEach(value -> reply.add(HttpHeaderNames.WWW_AUTHENTICATE, value));
        return AuthOutcome.denied(HttpResponseStatus.valueOf(response.statusCode()), reply.isEmpty() ? null : reply,
                "the authorization service answered " + response.statusCode());
    }

    private CompletionStage<AuthOutcome> failure(RequestContext ctx, Throwable error) {
        if (!config.allowOnFailure()) {
            return CompletableFuture.failedFuture(error);
        }
        failures.warn("authorization service {} failed for request {} on route {}, letting it in "
                + "(on-failure: allow): {}",
                config.url(), ctx.requestId(), ctx.routeName(), error.toString());
        return CompletableFuture.completedFuture(AuthOutcome.authenticated(
                new Identity(Consumer.named(UNNAMED_CONSUMER), METHOD, Set.of())));
    }
}
