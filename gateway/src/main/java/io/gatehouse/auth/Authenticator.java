package io.gatehouse.auth;

import io.gatehouse.context.RequestContext;
import io.netty.handler.codec.http.HttpRequest;
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

    CompletionStage<AuthOutcome> authenticate(RequestContext ctx, HttpRequest request);

    /** Removes the credential this method read from the request before it is forwarded, unless told to keep it. */
    default void stripCredential(HttpRequest request) {
    }
}
