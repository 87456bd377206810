package io.gatehouse.model;

import io.gatehouse.config.UpstreamTlsConfig;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

/**
 * Calls the management and readiness APIs of model backends, one endpoint at a time, on the JDK's asynchronous
 * HTTP client with its own two threads: never on an event loop, and never blocking the caller. An endpoint of an
 * upstream with {@code tls} is called over HTTPS with that upstream's TLS settings, cleartext HTTP otherwise.
 */
public final class BackendClient implements AutoCloseable {

    /**
     * The outcome of one call to one endpoint.
     *
     * @param endpoint {@code ip:port}
     * @param detail   what the backend said, or why it could not be asked
     */
    public record Answer(String endpoint, boolean ok, String detail) {
    }

    private final ExecutorService executor = Executors.newFixedThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "gatehouse-models-http");
        thread.setDaemon(true);
        return thread;
    });
    private final BackendHttpClients clients;
    private final Duration readinessTimeout;

    /** @param readinessTimeout how long a readiness call may take; load and unload calls get their own */
    public BackendClient(Duration readinessTimeout) {
        this.readinessTimeout = readinessTimeout;
        this.clients = new BackendHttpClients(executor, readinessTimeout);
    }

    /**
     * Asks the endpoint to load the version; ok at once when the protocol loads nothing on request.
     *
     * @param endpoint its host name (see {@link BackendEndpoints#of}) is what TLS checks without {@code server-name}
     * @param tls      the TLS settings of the endpoint's upstream; null for cleartext
     */
    public CompletableFuture<Answer> load(ModelView model, String version, InetSocketAddress endpoint,
                                          UpstreamTlsConfig tls, Duration timeout) {
        HttpRequest.Builder request = api(model).load(base(endpoint, tls), model.backendName(), version);
        return request == null ? done(endpoint, "nothing to load")
                : call(endpoint, tls, request, timeout, "load");
    }

    /** Asks the endpoint to unload the version; ok at once when the protocol unloads nothing on request. */
    public CompletableFuture<Answer> unload(ModelView model, String version, InetSocketAddress endpoint,
                                            UpstreamTlsConfig tls, Duration timeout) {
        HttpRequest.Builder request = api(model).unload(base(endpoint, tls), model.backendName(), version);
        return request == null ? done(endpoint, "nothing to unload")
                : call(endpoint, tls, request, timeout, "unload");
    }

    /** Whether the endpoint reports the version ready to serve. */
    public CompletableFuture<Answer> ready(ModelView model, String version, InetSocketAddress endpoint,
                                           UpstreamTlsConfig tls) {
        ManagementApi api = api(model);
        HttpRequest request = api.readiness(base(endpoint, tls), model.backendName(), version)
                .timeout(readinessTimeout).build();
        String name = authority(endpoint);
        return send(endpoint, tls, request)
                .handle((response, error) -> {
                    if (error != null) {
                        return new Answer(name, false, unreachable(error));
                    }
                    boolean ready = api.ready(response.statusCode(), JsonText.parse(response.body()),
                            model.backendName());
                    return new Answer(name, ready, ready ? "ready" : "not ready: " + response.statusCode() + " "
                            + JsonText.errorOf(response.body()));
                });
    }

    private CompletableFuture<Answer> call(InetSocketAddress endpoint, UpstreamTlsConfig tls,
                                           HttpRequest.Builder request, Duration timeout, String what) {
        String name = authority(endpoint);
        return send(endpoint, tls, request.timeout(timeout).build())
                .handle((response, error) -> {
                    if (error != null) {
                        return new Answer(name, false, what + " failed: " + unreachable(error));
                    }
                    int status = response.statusCode();
                    boolean ok = status >= 200 && status < 300;
                    return new Answer(name, ok, ok ? what + " accepted" : what + " refused with " + status + ": "
                            + JsonText.errorOf(response.body()));
                });
    }

    /** Sends on the client for the endpoint's TLS; one that cannot be built fails the call with the reason. */
    private CompletableFuture<HttpResponse<String>> send(InetSocketAddress endpoint, UpstreamTlsConfig tls,
                                                         HttpRequest request) {
        HttpClient http;
        try {
            http = clients.client(tls, endpoint.getHostString());
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }

    /**
     * The TLS settings calls to {@code endpoints} of an upstream with {@code tls} go out with: one per name checked
     * (the {@code server-name}, else each endpoint's configured host); none for cleartext.
     */
    static Stream<BackendHttpClients.Setting> tlsSettings(UpstreamTlsConfig tls, List<InetSocketAddress> endpoints) {
        return tls == null ? Stream.empty()
                : endpoints.stream().map(endpoint -> BackendHttpClients.Setting.of(tls, endpoint.getHostString()));
    }

    /** Keeps the HTTPS clients of the settings {@code inUse} (see {@link #tlsSettings}) and drops the others. */
    void retainClients(Set<BackendHttpClients.Setting> inUse) {
        clients.retain(inUse);
    }

    /** The TLS settings that have an HTTPS client now. */
    Set<BackendHttpClients.Setting> tlsClients() {
        return clients.settings();
    }

    private static ManagementApi api(ModelView model) {
        return ManagementApi.of(model.protocol(), model.managed());
    }

    private static CompletableFuture<Answer> done(InetSocketAddress endpoint, String detail) {
        return CompletableFuture.completedFuture(new Answer(authority(endpoint), true, detail));
    }

    private static String unreachable(Throwable error) {
        Throwable cause = error.getCause() != null && error instanceof java.util.concurrent.CompletionException
                ? error.getCause() : error;
        if (cause instanceof HttpTimeoutException) {
            return "no answer in time";
        }
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : " " + cause.getMessage());
    }

    static String authority(InetSocketAddress endpoint) {
        String host = endpoint.getAddress() != null ? endpoint.getAddress().getHostAddress()
                : endpoint.getHostString();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + endpoint.getPort();
    }

    private static URI base(InetSocketAddress endpoint, UpstreamTlsConfig tls) {
        try {
            String host = endpoint.getAddress() != null ? endpoint.getAddress().getHostAddress()
                    : endpoint.getHostString();
            return new URI(tls == null ? "http" : "https", null, host, endpoint.getPort(), "/", null, null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("endpoint " + endpoint + " makes no URI", e);
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
