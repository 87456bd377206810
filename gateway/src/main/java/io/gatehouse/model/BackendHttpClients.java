package io.gatehouse.model;

import io.gatehouse.config.UpstreamTlsConfig;
import io.gatehouse.transport.PemFiles;
import io.gatehouse.transport.ServerNameTrustManager;
import io.gatehouse.transport.TlsProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.netty.util.NetUtil;
import java.io.IOException;
import java.net.http.HttpClient;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The JDK HTTP clients of the model control plane: one for cleartext and one per distinct TLS setting, each built
 * the first time it is needed and kept until the control plane finds no call needs its setting any more (see
 * {@link #retain}). TLS means what it means on the proxy's upstream connections: the configured CAs or the JDK's
 * trust store, no verification with {@code verify: false}, the client certificate when set, and the certificate
 * checked for (and SNI sent with) {@code server-name}, else the endpoint's host. Building reads the PEM files, so
 * it happens on the caller's thread: the control thread, never an event loop.
 */
final class BackendHttpClients {

    /** One TLS setting, with a client of its own: the upstream's {@code tls} and the name endpoints are checked for. */
    record Setting(UpstreamTlsConfig config, String serverName) {

        /** The setting of calls to an endpoint configured with {@code endpointHost} of an upstream with {@code tls}. */
        static Setting of(UpstreamTlsConfig tls, String endpointHost) {
            return new Setting(tls, tls.serverName() != null ? tls.serverName() : endpointHost);
        }
    }

    private final Executor executor;
    private final Duration connectTimeout;
    private final HttpClient plain;
    private final Map<Setting, HttpClient> secure = new ConcurrentHashMap<>();

    BackendHttpClients(Executor executor, Duration connectTimeout) {
        this.executor = executor;
        this.connectTimeout = connectTimeout;
        this.plain = builder().build();
    }

    /**
     * The client for an endpoint of an upstream with {@code tls} (null: cleartext).
     *
     * @param endpointHost the endpoint's configured host, checked unless {@code server-name} is set
     * @throws IllegalArgumentException when a PEM file cannot be read or a key store not built; says which
     */
    HttpClient client(UpstreamTlsConfig tls, String endpointHost) {
        if (tls == null) {
            return plain;
        }
        Setting setting = Setting.of(tls, endpointHost);
        HttpClient client = secure.get(setting);
        if (client == null) {
            client = build(setting);
            HttpClient raced = secure.putIfAbsent(setting, client);
            client = raced != null ? raced : client;
        }
        return client;
    }

    /**
     * Drops the clients of settings not in {@code inUse}. JDK 17's client has no close: a dropped one ends once it
     * is unreachable and has no exchange pending, when its selector thread exits and closes its idle connections.
     * A call still out on it completes, so dropping is safe at any time; a setting needed again gets a new client.
     */
    void retain(Set<Setting> inUse) {
        secure.keySet().retainAll(inUse);
    }

    /** The settings that have a client now. */
    Set<Setting> settings() {
        return Set.copyOf(secure.keySet());
    }

    private HttpClient build(Setting setting) {
        UpstreamTlsConfig tls = setting.config();
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers(tls), trustManagers(tls, setting.serverName()), null);
            SSLParameters parameters = context.getDefaultSSLParameters();
            parameters.setProtocols(TlsProvider.PROTOCOLS.toArray(String[]::new));
            if (NetUtil.createByteArrayFromIpAddressString(setting.serverName()) == null) {
                // The client sends no SNI for the IP literal it connects to; this is the configured name.
                parameters.setServerNames(List.of(new SNIHostName(setting.serverName())));
            }
            return builder().sslContext(context).sslParameters(parameters).build();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("TLS to " + setting.serverName() + " cannot be set up: " + e, e);
        }
    }

    private static TrustManager[] trustManagers(UpstreamTlsConfig tls, String serverName)
            throws GeneralSecurityException, IOException {
        if (!tls.verify()) {
            return InsecureTrustManagerFactory.INSTANCE.getTrustManagers();
        }
        KeyStore cas = null;
        if (tls.ca() != null) {
            cas = emptyStore();
            int index = 0;
            for (X509Certificate ca : PemFiles.certificates(tls.ca())) {
                cas.setCertificateEntry("ca-" + index++, ca);
            }
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(cas);
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509TrustManager chains) {
                return new TrustManager[] {new ServerNameTrustManager(chains, serverName,
                        tls.ca() != null ? "the CAs in " + tls.ca() : "the JDK's trust store")};
            }
        }
        throw new GeneralSecurityException("the " + factory.getAlgorithm() + " trust manager factory made no "
                + "X509TrustManager");
    }

    private static KeyManager[] keyManagers(UpstreamTlsConfig tls) throws GeneralSecurityException, IOException {
        if (tls.cert() == null) {
            return null;
        }
        KeyStore keys = emptyStore();
        keys.setKeyEntry("client", PemFiles.privateKey(tls.key()), new char[0],
                PemFiles.certificates(tls.cert()).toArray(X509Certificate[]::new));
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(keys, new char[0]);
        return factory.getKeyManagers();
    }

    private static KeyStore emptyStore() throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        return store;
    }

    private HttpClient.Builder builder() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(executor)
                .connectTimeout(connectTimeout).followRedirects(HttpClient.Redirect.NEVER);
    }
}
