package io.gatehouse.auth.jwt;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.Ed25519Verifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import io.gatehouse.config.JwtAlgorithms;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Public keys ready to verify signatures, each with the algorithms it may verify. Immutable: a key set refresh
 * swaps in a new instance. Symmetric keys never appear here (HMAC uses the configured secret only), so a token
 * cannot make a public key act as an HMAC secret.
 */
public final class VerificationKeys {

    private static final Logger LOG = LoggerFactory.getLogger(VerificationKeys.class);

    static final VerificationKeys EMPTY = new VerificationKeys(List.of());

    /** One key; {@code kid} null when the key has none, which makes it a candidate for every token. */
    record Key(String kid, Set<String> algorithms, JWSVerifier verifier) {
    }

    private final List<Key> keys;

    private VerificationKeys(List<Key> keys) {
        this.keys = List.copyOf(keys);
    }

    /** The usable keys of {@code jwks}; the others (encryption keys, unsupported types and curves) are skipped. */
    public static VerificationKeys of(List<JWK> jwks) {
        List<Key> keys = new ArrayList<>();
        for (JWK jwk : jwks) {
            Set<String> algorithms = JwtAlgorithms.allowedBy(jwk);
            JWSVerifier verifier = algorithms.isEmpty() ? null : verifier(jwk);
            if (verifier == null) {
                LOG.debug("skipping key {} of type {}: no supported signature algorithm", jwk.getKeyID(),
                        jwk.getKeyType());
            } else {
                keys.add(new Key(jwk.getKeyID(), algorithms, verifier));
            }
        }
        return new VerificationKeys(keys);
    }

    private static JWSVerifier verifier(JWK jwk) {
        try {
            if (jwk instanceof RSAKey rsa) {
                return new RSASSAVerifier(rsa.toPublicJWK());
            }
            if (jwk instanceof ECKey ec) {
                return new ECDSAVerifier(ec.toPublicJWK());
            }
            if (jwk instanceof OctetKeyPair okp) {
                return new Ed25519Verifier(okp.toPublicJWK());
            }
        } catch (JOSEException e) {
            LOG.debug("skipping key {}: {}", jwk.getKeyID(), e.getMessage());
        }
        return null;
    }

    /** Keys that may verify {@code alg} for a token naming {@code kid} (null: any key). */
    List<Key> candidates(String alg, String kid) {
        List<Key> matching = new ArrayList<>(2);
        for (Key key : keys) {
            if (key.algorithms().contains(alg) && (kid == null || key.kid() == null || kid.equals(key.kid()))) {
                matching.add(key);
            }
        }
        return matching;
    }

    int size() {
        return keys.size();
    }
}
