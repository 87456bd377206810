package io.gatehouse.auth;

import io.gatehouse.config.AuthMethodConfig;
import io.gatehouse.config.BasicAuthConfig;
import io.gatehouse.config.KeyAuthConfig;
import io.gatehouse.internal.NanoClock;

/** Builds the authenticator for a method's settings. */
final class Authenticators {

    private Authenticators() {
    }

    static Authenticator create(AuthMethodConfig config, AuthResources resources) {
        if (config instanceof KeyAuthConfig key) {
            return new KeyAuthenticator(key, resources.consumers());
        }
        if (config instanceof BasicAuthConfig basic) {
            return new BasicAuthenticator(basic, resources.consumers(), resources.services().blocking(),
                    NanoClock.SYSTEM);
        }
        throw new IllegalStateException("authentication method " + config.method() + " is not available");
    }
}
