package io.gatehouse.server;

import io.gatehouse.config.ListenerTlsConfig;
import io.gatehouse.config.ListenerTlsConfig.CertificateFiles;
import io.gatehouse.transport.CertificateNames;
import io.gatehouse.transport.PemFiles;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLException;

/** Builds a listener's {@link SniTable} from its config by reading the PEM files: blocking, never on an event loop. */
final class ServerTlsContexts {

    /** ALPN offers HTTP/1.1 alone, so that a client that would prefer h2 knows at once it gets HTTP/1.1. */
    private static final ApplicationProtocolConfig ALPN = new ApplicationProtocolConfig(
            ApplicationProtocolConfig.Protocol.ALPN,
            ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
            ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
            ApplicationProtocolNames.HTTP_1_1);

    private ServerTlsContexts() {
    }

    /** @throws IllegalArgumentException naming the file that cannot be read or does not fit */
    static SniTable build(ListenerTlsConfig config, SslProvider provider) {
        List<X509Certificate> clientCas = config.clientCa() == null ? null : PemFiles.certificates(config.clientCa());
        SniTable table = null;
        for (CertificateFiles files : config.certificates()) {
            List<X509Certificate> chain = PemFiles.certificates(files.cert());
            PrivateKey key = PemFiles.privateKey(files.key());
            PemFiles.checkPair(key, chain.get(0), files.key(), files.cert());
            SslContext context = context(config, provider, key, chain, clientCas, files.cert());
            if (table == null) {
                table = new SniTable(context);
            }
            table.serve(CertificateNames.dnsNames(chain.get(0)), context);
        }
        return table;
    }

    private static SslContext context(ListenerTlsConfig config, SslProvider provider, PrivateKey key,
                                      List<X509Certificate> chain, List<X509Certificate> clientCas, Path cert) {
        SslContextBuilder builder = SslContextBuilder.forServer(key, chain)
                .sslProvider(provider)
                .protocols(config.protocols())
                .ciphers(config.ciphers())
                .applicationProtocolConfig(ALPN);
        if (clientCas != null) {
            builder.trustManager(clientCas).clientAuth(config.clientAuth() == ListenerTlsConfig.ClientAuth.REQUIRED
                    ? ClientAuth.REQUIRE : ClientAuth.OPTIONAL);
        }
        try {
            return builder.build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot build a TLS context for " + cert + ": " + e.getMessage());
        }
    }
}
