package io.gatehouse.auth.jwt;

import com.nimbusds.jwt.JWTClaimsSet;
import io.gatehouse.config.JwtAuthConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * The registered claims a verified token must satisfy: {@code exp} present and not passed, {@code nbf} reached,
 * {@code iss} and {@code aud} as configured; times with the configured leeway.
 */
final class ClaimRules {

    private final String issuer;
    private final List<String> audience;
    private final Duration skew;

    ClaimRules(JwtAuthConfig config) {
        this.issuer = config.issuer();
        this.audience = config.audience();
        this.skew = config.clockSkew();
    }

    /** What is wrong with {@code claims} at {@code now}, for the log; null when nothing is. */
    String violation(JWTClaimsSet claims, Instant now) {
        Date exp = claims.getExpirationTime();
        if (exp == null) {
            return "no exp claim";
        }
        if (now.isAfter(exp.toInstant().plus(skew))) {
            return "expired at " + exp.toInstant();
        }
        Date nbf = claims.getNotBeforeTime();
        if (nbf != null && now.isBefore(nbf.toInstant().minus(skew))) {
            return "not valid before " + nbf.toInstant();
        }
        if (issuer != null && !issuer.equals(claims.getIssuer())) {
            return "issuer " + claims.getIssuer() + ", expected " + issuer;
        }
        if (!audience.isEmpty() && claims.getAudience().stream().noneMatch(audience::contains)) {
            return "audience " + claims.getAudience() + ", expected one of " + audience;
        }
        return null;
    }
}
