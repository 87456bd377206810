package io.gatehouse.config;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import java.util.List;
import java.util.Set;

/** The JWS algorithms the {@code jwt} method supports, and which of them a key may verify. */
public final class JwtAlgorithms {

    public static final List<String> HMAC = List.of("HS256", "HS384", "HS512");
    static final List<String> RSA = List.of("RS256", "RS384", "RS512", "PS256");
    static final List<String> SUPPORTED = List.of("HS256", "HS384", "HS512", "RS256", "RS384", "RS512", "PS256",
            "ES256", "ES384", "EdDSA");
    /** What a key fetched later from a JWKS URL may allow. */
    static final Set<String> ASYMMETRIC = Set.of("RS256", "RS384", "RS512", "PS256", "ES256", "ES384", "EdDSA");

    private JwtAlgorithms() {
    }

    /**
     * The algorithms {@code key} may verify: by its type and curve, narrowed to its own {@code alg} when it names
     * one; none for a key meant for encryption or of a type this method does not support.
     */
    public static Set<String> allowedBy(JWK key) {
        if (key.getKeyUse() != null && !KeyUse.SIGNATURE.equals(key.getKeyUse())) {
            return Set.of();
        }
        Set<String> byType;
        if (key instanceof RSAKey) {
            byType = Set.copyOf(RSA);
        } else if (key instanceof ECKey ec) {
            byType = Curve.P_256.equals(ec.getCurve()) ? Set.of("ES256")
                    : Curve.P_384.equals(ec.getCurve()) ? Set.of("ES384") : Set.of();
        } else if (key instanceof OctetKeyPair okp && Curve.Ed25519.equals(okp.getCurve())) {
            byType = Set.of("EdDSA");
        } else {
            byType = Set.of();
        }
        if (key.getAlgorithm() == null) {
            return byType;
        }
        return byType.contains(key.getAlgorithm().getName()) ? Set.of(key.getAlgorithm().getName()) : Set.of();
    }

    /** The smallest HMAC key for {@code algorithm}, in bytes: as long as its hash (RFC 7518, section 3.2). */
    public static int minimumSecretBytes(String algorithm) {
        return Integer.parseInt(algorithm.substring(2)) / 8;
    }
}
