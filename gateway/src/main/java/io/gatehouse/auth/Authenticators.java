package io.gatehouse.auth;

import io.gatehouse.config.AuthMethodConfig;
import io.gatehouse.config.MtlsAuthConfig;

/** Builds the authenticator for a method's settings. */
final class Authenticators {

    private Authenticators() {
    }

    static Authenticator create(AuthMethodConfig config, AuthResources resources) {
        if (config instanceof MtlsAuthConfig mtls) {
            return new MtlsAuthenticator(mtls, resources.consumers());
        }
        throw new IllegalStateException("authentication method " + config.method() + " is not available");
    }
}
