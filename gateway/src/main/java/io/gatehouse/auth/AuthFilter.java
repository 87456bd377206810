package io.gatehouse.auth;

import io.gatehouse.context.RequestContext;
import io.gatehouse.filter.Filter;
import io.gatehouse.filter.FilterDecision;
import io.gatehouse.observe.OccasionalWarning;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code auth}: asks its authenticators in order, one at a time, and records the {@link Identity} on the context.
 * <ul>
 *   <li>{@code any-of}: the first that authenticates wins; a credential that is present and wrong ends the request
 *   with 401 at once (a wrong key is not retried as something else); with none present, the anonymous consumer if
 *   configured, else 401 offering every method's challenge.</li>
 *   <li>{@code all-of}: every method must authenticate; the first names the consumer, scopes are joined.</li>
 * </ul>
 * A method's denial (an external service's 403) ends the request with its status. Replies never say which part of
 * a credential was wrong; the reason goes to the debug log. On success every method strips the credential it
 * reads, and headers the methods produced are added to the forwarded request; headers of those names that the
 * client sent are removed first, whatever the outcome.
 */
final class AuthFilter implements Filter {

    private static final Logger LOG = LoggerFactory.getLogger(AuthFilter.class);

    /** An unreachable service fails every request: one warning now and then. */
    private final OccasionalWarning failures = new OccasionalWarning(LOG);
    private final List<Authenticator> methods;
    private final boolean allOf;
    private final Identity anonymous;
    private final List<String> producedHeaders;
    private final Duration ownTimeout;

    /** @param anonymous the identity given to requests with no credential in any-of mode; null to refuse them */
    AuthFilter(List<Authenticator> methods, boolean allOf, Identity anonymous) {
        this.methods = List.copyOf(methods);
        this.allOf = allOf;
        this.anonymous = anonymous;
        this.producedHeaders = methods.stream().flatMap(method -> method.upstreamHeaderNames().stream()).distinct()
                .toList();
        this.ownTimeout = methods.stream().map(Authenticator::timeout).reduce(Duration.ZERO, Duration::plus);
    }

    @Override
    public CompletionStage<FilterDecision> onRequest(RequestContext ctx, HttpRequest request) {
        for (String name : producedHeaders) {
            request.headers().remove(name);
        }
        return next(ctx, request, 0, null, null);
    }

    /** The methods' own bounds, one after another: a pending decision is given that long. */
    @Override
    public Duration ownTimeout(RequestContext ctx) {
        return ownTimeout;
    }

    /**
     * Asks methods from {@code from} on; {@code soFar} is what all-of has gathered, {@code asking} the decision
     * of a request that had to wait for a method (null while none did).
     */
    private CompletionStage<FilterDecision> next(RequestContext ctx, HttpRequest request, int from, Gathered soFar,
                                                 Asking asking) {
        Gathered gathered = soFar;
        for (int i = from; i < methods.size(); i++) {
            Authenticator method = methods.get(i);
            CompletableFuture<AuthOutcome> pending;
            try {
                pending = method.authenticate(ctx, request).toCompletableFuture();
            } catch (RuntimeException e) {
                return failed(ctx, method, e);
            }
            if (!pending.isDone()) {
                int next = i + 1;
                Gathered before = gathered;
                Asking waiting = asking != null ? asking : new Asking();
                waiting.await(pending, ctx, (outcome, error) -> error != null
                        ? failed(ctx, method, error)
                        : step(ctx, request, next, before, method, outcome, waiting));
                return waiting.decision;
            }
            AuthOutcome outcome;
            try {
                outcome = pending.join();
            } catch (RuntimeException e) {
                return failed(ctx, method, e);
            }
            Step step = decide(gathered, method, outcome);
            if (step.reply() != null) {
                return step.reply();
            }
            gathered = step.gathered();
            if (!allOf && gathered != null) {
                break;
            }
        }
        return finish(ctx, request, gathered);
    }

    private CompletionStage<FilterDecision> step(RequestContext ctx, HttpRequest request, int next,
                                                 Gathered before, Authenticator method, AuthOutcome outcome,
                                                 Asking asking) {
        Step step = decide(before, method, outcome);
        if (step.reply() != null) {
            return step.reply();
        }
        if (!allOf && step.gathered() != null) {
            return finish(ctx, request, step.gathered());
        }
        return next(ctx, request, next, step.gathered(), asking);
    }

    /**
     * The decision of a request that waits for a method's answer, perhaps one after another. Cancelling it (the
     * exchange ended first) cancels the answer being waited for, so that its call stops.
     */
    private static final class Asking {

        final CompletableFuture<FilterDecision> decision = new CompletableFuture<>();
        private volatile CompletableFuture<AuthOutcome> awaited;

        Asking() {
            decision.whenComplete((value, error) -> {
                CompletableFuture<AuthOutcome> current = awaited;
                if (decision.isCancelled() && current != null) {
                    current.cancel(true);
                }
            });
        }

        /**
         * Continues with {@code then} on the exchange's loop once {@code pending} answers, unless the decision
         * was cancelled meanwhile; a continuation that has to wait again returns {@link #decision} itself.
         */
        void await(CompletableFuture<AuthOutcome> pending, RequestContext ctx,
                   BiFunction<AuthOutcome, Throwable, CompletionStage<FilterDecision>> then) {
            awaited = pending;
            if (decision.isCancelled()) {
                pending.cancel(true);
                return;
            }
            // Back on the exchange's loop: the next method expects to be called there, and the request head and
            // context are the loop's.
            pending.whenCompleteAsync((outcome, error) -> {
                if (decision.isDone()) {
                    return;
                }
                CompletionStage<FilterDecision> result = then.apply(outcome, error);
                if (result != decision) {
                    result.whenComplete((value, failure) -> {
                        if (failure != null) {
                            decision.completeExceptionally(failure);
                        } else {
                            decision.complete(value);
                        }
                    });
                }
            }, ctx.eventLoop());
        }
    }

    /** What one outcome means: a reply that ends the request, or what has been gathered so far. */
    private record Step(CompletionStage<FilterDecision> reply, Gathered gathered) {
    }

    private Step decide(Gathered gathered, Authenticator method, AuthOutcome outcome) {
        switch (outcome.kind()) {
            case AUTHENTICATED -> {
                return new Step(null, gathered == null ? new Gathered(outcome) : gathered.and(outcome));
            }
            case NO_CREDENTIAL -> {
                return new Step(allOf ? unauthorized("authentication required", null) : null, gathered);
            }
            case INVALID -> {
                LOG.debug("{} refused a credential: {}", method.method(), outcome.reason());
                return new Step(unauthorized("the credentials are not valid", method), gathered);
            }
            default -> {
                LOG.debug("{} denied the request: {}", method.method(), outcome.reason());
                return new Step(FilterDecision.respond(outcome.status(), "access denied", outcome.replyHeaders()),
                        gathered);
            }
        }
    }

    private CompletionStage<FilterDecision> finish(RequestContext ctx, HttpRequest request, Gathered gathered) {
        if (gathered == null) {
            if (anonymous == null) {
                return unauthorized("authentication required", null);
            }
            Identities.set(ctx, anonymous);
            return FilterDecision.CONTINUE;
        }
        for (Authenticator method : methods) {
            method.stripCredential(request);
        }
        for (HttpHeaders headers : gathered.upstreamHeaders()) {
            request.headers().setAll(headers);
        }
        Identities.set(ctx, gathered.identity());
        return FilterDecision.CONTINUE;
    }

    private CompletionStage<FilterDecision> failed(RequestContext ctx, Authenticator method, Throwable error) {
        failures.warn("{} failed on route {} for request {}", method.method(), ctx.routeName(), ctx.requestId(),
                error);
        return FilterDecision.respond(HttpResponseStatus.SERVICE_UNAVAILABLE, "authentication is unavailable");
    }

    /** @param refused the method that found the credential invalid; null when none was presented */
    private CompletionStage<FilterDecision> unauthorized(String detail, Authenticator refused) {
        HttpHeaders headers = new DefaultHttpHeaders();
        for (Authenticator method : methods) {
            String challenge = method == refused ? method.invalidChallenge() : method.challenge();
            if (challenge != null) {
                headers.add(HttpHeaderNames.WWW_AUTHENTICATE, challenge);
            }
        }
        return FilterDecision.respond(HttpResponseStatus.UNAUTHORIZED, detail, headers);
    }
}
