package io.gatehouse.admin;

import io.gatehouse.config.AdminConfig;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * Who may use the admin API: health checks are open (load balancers and orchestrators probe them without
 * credentials), {@code /metrics} when configured public, everything else only with {@code Authorization: Bearer
 * TOKEN} when a token is set. The token is kept only as its SHA-256 digest, and a presented token is compared by
 * digest in constant time, so neither its content nor its length leaks through timing.
 */
final class AdminAccess {

    private static final String BEARER = "bearer ";
    private static final List<String> OPEN_PATHS = List.of("/healthz", "/readyz");

    private final byte[] tokenDigest;
    private final boolean metricsPublic;

    private AdminAccess(byte[] tokenDigest, boolean metricsPublic) {
        this.tokenDigest = tokenDigest;
        this.metricsPublic = metricsPublic;
    }

    static AdminAccess of(AdminConfig config) {
        return new AdminAccess(config.token() == null ? null : sha256(config.token()), config.metricsPublic());
    }

    boolean tokenRequired() {
        return tokenDigest != null;
    }

    /** Whether {@code request} for {@code path} may be served. */
    boolean permits(String path, HttpRequest request) {
        if (tokenDigest == null || OPEN_PATHS.contains(path) || metricsPublic && path.equals("/metrics")) {
            return true;
        }
        List<String> authorizations = request.headers().getAll(HttpHeaderNames.AUTHORIZATION);
        if (authorizations.size() != 1) {
            return false;
        }
        String authorization = authorizations.get(0);
        if (authorization.length() <= BEARER.length()
                || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return false;
        }
        return MessageDigest.isEqual(tokenDigest, sha256(authorization.substring(BEARER.length()).trim()));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
