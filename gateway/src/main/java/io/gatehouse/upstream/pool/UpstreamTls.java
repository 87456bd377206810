package io.gatehouse.upstream.pool;

import io.gatehouse.config.UpstreamTlsConfig;
import io.gatehouse.transport.PemFiles;
import io.gatehouse.transport.TlsProvider;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLException;

/**
 * How one endpoint's connections speak TLS: the client context and the name sent as SNI and verified in the
 * endpoint's certificate. Immutable; a pool swaps it whole when the upstream's {@code tls} changes.
 *
 * @param config  what it was built from, to tell a changed setting from an unchanged one
 * @param context null when it could not be built: every connection attempt then fails with {@code failure}
 */
record UpstreamTls(UpstreamTlsConfig config, SslContext context, String serverName, int port, String failure) {

    /**
     * Reads the files the config names; blocking, so never on an event loop. A file that cannot be read (it
     * changed since the config was validated) makes a TLS that fails every connection rather than an exception.
     *
     * @param endpointHost the endpoint's configured host, the server name unless the config sets one
     */
    static UpstreamTls create(UpstreamTlsConfig config, String endpointHost, int port) {
        String serverName = config.serverName() != null ? config.serverName() : endpointHost;
        try {
            return new UpstreamTls(config, context(config), serverName, port, null);
        } catch (IllegalArgumentException | SSLException e) {
            return new UpstreamTls(config, null, serverName, port, e.getMessage());
        }
    }

    private static SslContext context(UpstreamTlsConfig config) throws SSLException {
        SslContextBuilder builder = SslContextBuilder.forClient()
                .sslProvider(TlsProvider.best())
                .protocols(TlsProvider.PROTOCOLS)
                .endpointIdentificationAlgorithm(config.verify() ? "HTTPS" : null);
        if (!config.verify()) {
            builder.trustManager(InsecureTrustManagerFactory.INSTANCE);
        } else if (config.ca() != null) {
            builder.trustManager(PemFiles.certificates(config.ca()));
        }
        if (config.cert() != null) {
            List<X509Certificate> chain = PemFiles.certificates(config.cert());
            PrivateKey key = PemFiles.privateKey(config.key());
            builder.keyManager(key, chain);
        }
        return builder.build();
    }

    /** The first handler of a new connection; its handshake must finish within {@code timeoutMillis}. */
    SslHandler newHandler(ByteBufAllocator alloc, long timeoutMillis) {
        SslHandler handler = context.newHandler(alloc, serverName, port);
        handler.setHandshakeTimeoutMillis(timeoutMillis);
        return handler;
    }

    @Override
    public String toString() {
        return "TLS to " + serverName + ":" + port + (failure == null ? "" : " (unusable: " + failure + ")");
    }
}
