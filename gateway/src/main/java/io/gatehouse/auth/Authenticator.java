package io.gatehouse.auth;

import io.gatehouse.context.RequestContext;
import io.netty.handler.codec.http.HttpRequest;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * One way of proving who a request comes from, used by the {@code auth} filter. Called on the exchange's event
 * loop: anything slow (bcrypt, a key fetch, a call to another service) runs elsewhere and completes the stage
 * later, exactly once; the filter resumes on the exchange's loop. An instance serves every request of its route.
 */
public interface Authenticator {

    /** The method's config name, e.g. {@code key-auth}; also {@link Identity#method()}. */
    String method();

    /** The {@code WWW-Authenticate} challenge a 401 offers for this method, e.g. {@code Bearer realm="api"}. */
    String challenge();

    /**
     * The challenge a 401 offers for this method after it found the request's credential invalid, e.g. with
     * RFC 6750's {@code error="invalid_token"}; by default the plain {@link #challenge()}.
     */
    default String invalidChallenge() {
        return challenge();
    }

    /**
     * The headers this method adds to the forwarded request ({@link AuthOutcome#upstreamHeaders()}). The filter
     * removes headers of these names that a client sent, so that a client cannot pose as having been vouched for.
     */
    default Set<String> upstreamHeaderNames() {
        return Set.of();
    }

    /**
     * Cancelling the returned stage (the exchange ended before the answer) stops the work behind it, such as a call
     * to another service, unless other requests wait for the same answer.
     */
    CompletionStage<AuthOutcome> authenticate(RequestContext ctx, HttpRequest request);

    /** The longest one answer may take by this method's settings (a call's timeout); zero when it sets none. */
    default Duration timeout() {
        return Duration.ZERO;
    }

    /** Removes the credential this method read from the request before it is forwarded, unless told to keep it. */
    default void stripCredential(HttpRequest request) {
    }
}
