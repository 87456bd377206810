package io.gatehouse.auth;

import io.gatehouse.config.ConsumerConfig;
import io.gatehouse.config.MtlsAuthConfig;
import io.gatehouse.config.MtlsAuthConfig.ConsumerFrom;
import io.gatehouse.context.RequestContext;
import io.gatehouse.transport.CertificateNames;
import io.netty.handler.codec.http.HttpRequest;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.security.auth.x500.X500Principal;

/**
 * {@code mtls}: the client certificate that the listener verified against its {@code client-ca} during the
 * handshake names the consumer, by subject DN, DNS subject alternative name or CN. A connection without one (a
 * cleartext listener, {@code client-auth: none} or an optional certificate not sent) has no credential; a verified
 * certificate that maps to no consumer is invalid. The certificate was checked by TLS, so nothing here blocks.
 */
final class MtlsAuthenticator implements Authenticator {

    private static final CompletionStage<AuthOutcome> NO_CREDENTIAL =
            CompletableFuture.completedFuture(AuthOutcome.noCredential());

    private final ConsumerFrom consumerFrom;
    private final Consumers consumers;
    /** RFC 2253 subject, as X500Principal prints it, to the consumer that lists it. */
    private final Map<String, Consumer> bySubject = new HashMap<>();

    MtlsAuthenticator(MtlsAuthConfig config, Consumers consumers) {
        this.consumerFrom = config.consumerFrom();
        this.consumers = consumers;
        for (ConsumerConfig consumer : consumers.configs()) {
            for (String subject : consumer.subjects()) {
                bySubject.putIfAbsent(normalise(subject), consumers.named(consumer.name()));
            }
        }
    }

    @Override
    public String method() {
        return "mtls";
    }

    /** TLS asks for the certificate in the handshake; HTTP has no challenge to offer. */
    @Override
    public String challenge() {
        return null;
    }

    @Override
    public CompletionStage<AuthOutcome> authenticate(RequestContext ctx, HttpRequest request) {
        X509Certificate certificate = peerCertificate(ctx.tlsSession());
        if (certificate == null) {
            return NO_CREDENTIAL;
        }
        Consumer consumer = consumerOf(certificate);
        return CompletableFuture.completedFuture(consumer == null
                ? AuthOutcome.invalid("no consumer for the client certificate " + describe(certificate))
                : AuthOutcome.authenticated(new Identity(consumer, method(), Set.of())));
    }

    private Consumer consumerOf(X509Certificate certificate) {
        return switch (consumerFrom) {
            case SUBJECT -> bySubject.get(certificate.getSubjectX500Principal().getName(X500Principal.RFC2253));
            case CN -> {
                String cn = CertificateNames.commonName(certificate.getSubjectX500Principal());
                yield cn == null ? null : consumers.named(cn);
            }
            case SAN_DNS -> {
                List<String> names = CertificateNames.sanDnsNames(certificate);
                yield names.stream().map(consumers::named).filter(c -> c != null).findFirst().orElse(null);
            }
        };
    }

    private String describe(X509Certificate certificate) {
        String subject = certificate.getSubjectX500Principal().getName(X500Principal.RFC2253);
        return consumerFrom == ConsumerFrom.SAN_DNS
                ? subject + " (DNS names " + CertificateNames.sanDnsNames(certificate) + ")" : subject;
    }

    /** The leaf the handshake verified; null without a TLS session or a client certificate. */
    private static X509Certificate peerCertificate(SSLSession session) {
        if (session == null) {
            return null;
        }
        try {
            Certificate[] chain = session.getPeerCertificates();
            return chain.length > 0 && chain[0] instanceof X509Certificate leaf ? leaf : null;
        } catch (SSLPeerUnverifiedException noCertificate) {
            return null;
        }
    }

    /** The form X500Principal prints, so that spacing and attribute-name case in the config do not matter. */
    private static String normalise(String subject) {
        try {
            return new X500Principal(subject).getName(X500Principal.RFC2253);
        } catch (IllegalArgumentException notADistinguishedName) {
            return subject;
        }
    }
}
