package io.gatehouse.auth;

import io.gatehouse.auth.ext.ExtAuthenticator;
import io.gatehouse.auth.introspection.IntrospectionAuthenticator;
import io.gatehouse.auth.jwt.JwtAuthenticator;
import io.gatehouse.config.AuthMethodConfig;
import io.gatehouse.config.BasicAuthConfig;
import io.gatehouse.config.ExtAuthConfig;
import io.gatehouse.config.IntrospectionAuthConfig;
import io.gatehouse.config.JwtAuthConfig;
import io.gatehouse.config.KeyAuthConfig;
import io.gatehouse.internal.NanoClock;
import io.gatehouse.config.MtlsAuthConfig;

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
        if (config instanceof JwtAuthConfig jwt) {
            return new JwtAuthenticator(jwt, resources);
        }
        if (config instanceof IntrospectionAuthConfig introspection) {
            return new IntrospectionAuthenticator(introspection, resources);
        }
        if (config instanceof ExtAuthConfig ext) {
            return new ExtAuthenticator(ext, resources);
        }
        if (config instanceof MtlsAuthConfig mtls) {
            return new MtlsAuthenticator(mtls, resources.consumers());
        }
        throw new IllegalStateException("authentication method " + config.method() + " is not available");
    }
}
