package io.gatehouse.config;

import java.time.Duration;

/**
 * The settings of the {@code basic-auth} authentication method.
 *
 * @param cacheTtl       how long a successful check is remembered; zero to check every request
 * @param cacheSize      how many successful checks are remembered at most; zero to check every request
 * @param keepCredential forward the {@code Authorization} field upstream instead of removing it
 */
public record BasicAuthConfig(String realm, Duration cacheTtl, long cacheSize, boolean keepCredential)
        implements AuthMethodConfig {

    @Override
    public String method() {
        return BasicAuthSection.METHOD;
    }
}
