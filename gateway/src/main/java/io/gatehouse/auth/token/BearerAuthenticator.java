package io.gatehouse.auth.token;

import io.gatehouse.auth.Authenticator;
import io.gatehouse.config.TokenSource;
import io.netty.handler.codec.http.HttpRequest;

/** What the methods that read a bearer token share: where the token is found and stripped, and the challenges. */
public abstract class BearerAuthenticator implements Authenticator {

    private final String method;
    protected final BearerTokens tokens;
    private final BearerChallenge challenge;

    protected BearerAuthenticator(String method, TokenSource source, String realm) {
        this.method = method;
        this.tokens = new BearerTokens(source);
        this.challenge = BearerChallenge.forRealm(realm);
    }

    @Override
    public final String method() {
        return method;
    }

    @Override
    public final String challenge() {
        return challenge.plain();
    }

    @Override
    public final String invalidChallenge() {
        return challenge.invalidToken();
    }

    @Override
    public final void stripCredential(HttpRequest request) {
        tokens.strip(request);
    }
}
