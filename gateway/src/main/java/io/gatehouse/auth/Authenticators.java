package io.gatehouse.auth;

import io.gatehouse.config.AuthMethodConfig;

/** Builds the authenticator for a method's settings. */
final class Authenticators {

    private Authenticators() {
    }

    static Authenticator create(AuthMethodConfig config, AuthResources resources) {
        throw new IllegalStateException("authentication method " + config.method() + " is not available");
    }
}
