package io.gatehouse.config;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads verification keys written as text: PEM ({@code PUBLIC KEY} or {@code CERTIFICATE} blocks, RSA, EC or
 * Ed25519) or JSON (a JWK set or one JWK). Private and symmetric keys are refused, so a signing key cannot end up in
 * a gateway's config by mistake and a public key can never act as an HMAC secret.
 */
final class PublicKeys {

    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*)-----END \\1-----");
    /** An Ed25519 SubjectPublicKeyInfo is this fixed prefix followed by the 32-byte key. */
    private static final int ED25519_KEY_BYTES = 32;

    private PublicKeys() {
    }

    /** The keys in {@code text}; the exception's message says what was expected. */
    static List<JWK> parse(String text) {
        String trimmed = text.strip();
        if (trimmed.startsWith("{")) {
            return json(trimmed);
        }
        List<JWK> keys = new ArrayList<>();
        Matcher matcher = PEM.matcher(trimmed);
        int end = 0;
        while (matcher.find()) {
            if (!trimmed.substring(end, matcher.start()).isBlank()) {
                break;
            }
            keys.add(pem(matcher.group(1), Base64.getMimeDecoder().decode(matcher.group(2))));
            end = matcher.end();
        }
        if (keys.isEmpty() || !trimmed.substring(end).isBlank()) {
            throw new IllegalArgumentException("expected PEM blocks (-----BEGIN PUBLIC KEY----- or -----BEGIN "
                    + "CERTIFICATE-----) or a JWK set as JSON");
        }
        return keys;
    }

    private static List<JWK> json(String text) {
        List<JWK> keys;
        try {
            keys = text.contains("\"keys\"") ? JWKSet.parse(text).getKeys() : List.of(JWK.parse(text));
        } catch (ParseException e) {
            throw new IllegalArgumentException("expected a JWK set or a JWK as JSON: " + e.getMessage());
        }
        for (JWK key : keys) {
            if (key.isPrivate() || key.getKeyType().getValue().equals("oct")) {
                throw new IllegalArgumentException("key " + describe(key) + " is private or symmetric, expected "
                        + "public keys only (an HMAC key goes in secret)");
            }
        }
        return keys;
    }

    private static JWK pem(String type, byte[] der) {
        try {
            PublicKey key = switch (type) {
                case "PUBLIC KEY" -> publicKey(der);
                case "CERTIFICATE" -> CertificateFactory.getInstance("X.509")
                        .generateCertificate(new ByteArrayInputStream(der)).getPublicKey();
                default -> throw new IllegalArgumentException("PEM block " + type + " is not a public key, expected "
                        + "PUBLIC KEY or CERTIFICATE");
            };
            return jwk(key);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot read PEM block " + type + ": " + e.getMessage());
        }
    }

    private static PublicKey publicKey(byte[] der) throws GeneralSecurityException {
        for (String algorithm : List.of("RSA", "EC", "Ed25519")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der));
            } catch (GeneralSecurityException notThisAlgorithm) {
                // try the next one
            }
        }
        throw new GeneralSecurityException("expected an RSA, EC or Ed25519 public key");
    }

    private static JWK jwk(PublicKey key) throws GeneralSecurityException {
        if (key instanceof RSAPublicKey rsa) {
            return new RSAKey.Builder(rsa).build();
        }
        if (key instanceof ECPublicKey ec) {
            Curve curve = Curve.forECParameterSpec(ec.getParams());
            if (curve == null) {
                throw new GeneralSecurityException("unsupported EC curve, expected P-256 or P-384");
            }
            return new ECKey.Builder(curve, ec).build();
        }
        if ("Ed25519".equals(key.getAlgorithm()) || "EdDSA".equals(key.getAlgorithm())) {
            byte[] encoded = key.getEncoded();
            byte[] raw = Arrays.copyOfRange(encoded, encoded.length - ED25519_KEY_BYTES, encoded.length);
            return new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(raw)).build();
        }
        throw new GeneralSecurityException("unsupported key type " + key.getAlgorithm());
    }

    static String describe(JWK key) {
        return key.getKeyType() + (key.getKeyID() == null ? "" : " \"" + key.getKeyID() + "\"");
    }
}
