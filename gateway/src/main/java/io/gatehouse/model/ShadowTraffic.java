package io.gatehouse.model;

import io.gatehouse.config.ShadowConfig;
import io.gatehouse.observe.ModelMeters;
import io.gatehouse.observe.ShadowResult;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BiPredicate;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * Mirrors requests to shadow versions off the client's path: a mirror starts only when the shadow version has a
 * free in-flight place (else it is dropped and counted), and is sent, once the primary's response is complete,
 * on the JDK's asynchronous HTTP client with its own two threads, which also compare the outputs. Nothing on an
 * event loop waits for a shadow, and a shadow's failure reaches only its counts. The bounds (copy size, places,
 * tolerance, timeout) are each model's {@code shadow} settings.
 */
public final class ShadowTraffic implements AutoCloseable {

    private final Map<String, Map<String, ShadowStats>> stats = new ConcurrentHashMap<>();
    private final ExecutorService executor = Executors.newFixedThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "gatehouse-shadow-http");
        thread.setDaemon(true);
        return thread;
    });
    /** Built by the first mirror, on an executor thread, so that a node without shadows starts no client. */
    private HttpClient http;

    ShadowTraffic() {
    }

    /** Whether a request is mirrored when {@code percent} of them are: one draw of {@code random}. */
    static boolean sampled(double percent, RandomGenerator random) {
        return percent > 0 && random.nextDouble() * 100 < percent;
    }

    /**
     * The mirror of a request to {@code version} of {@code model} as a shadow, sent with {@code method} to
     * {@code target} (path and query) within the bounds of {@code settings}; null when the version has no free
     * in-flight place, which counts as dropped.
     */
    ShadowMirror start(String model, String version, ShadowConfig settings, ModelMeters meters, String method,
                       String target, String contentType) {
        ShadowStats versionStats = stats(model, version);
        if (!versionStats.enter(settings.maxInFlight())) {
            versionStats.count(ShadowResult.DROPPED);
            meters.shadow(ShadowResult.DROPPED);
            return null;
        }
        return new ShadowMirror(versionStats, meters, settings, method, target, contentType);
    }

    /**
     * Sends the mirror to the endpoint {@code pick} chooses when its exchange completed with a 2xx from the
     * primary; an exchange that ended otherwise has nothing to compare and is not counted, a body over the cap
     * counts as too large, and a shadow upstream with no endpoint to offer (null) counts as failed. Called on the
     * exchange's event loop, where {@code pick} runs, only for a mirror that is sent.
     */
    void finish(ShadowMirror mirror, int primaryStatus, Supplier<InetSocketAddress> pick) {
        if (mirror.tooLarge()) {
            mirror.end(ShadowResult.TOO_LARGE);
            return;
        }
        if (!mirror.complete() || primaryStatus < 200 || primaryStatus > 299) {
            mirror.end();
            return;
        }
        InetSocketAddress endpoint = pick.get();
        if (endpoint == null) {
            mirror.end(ShadowResult.FAILED);
            return;
        }
        try {
            executor.execute(() -> send(mirror, endpoint));
        } catch (RejectedExecutionException closed) {
            mirror.end(ShadowResult.FAILED);
        }
    }

    private void send(ShadowMirror mirror, InetSocketAddress endpoint) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://"
                    + BackendClient.authority(endpoint) + mirror.target)).timeout(mirror.settings.timeout())
                    .method(mirror.method, HttpRequest.BodyPublishers.ofByteArray(mirror.requestBody()));
            if (mirror.contentType != null) {
                request.header("Content-Type", mirror.contentType);
            }
            client().sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray())
                    .whenComplete((response, error) -> mirror.end(result(mirror, response, error)));
        } catch (RuntimeException e) {
            // A target the client refuses (a query it cannot parse, a content type it will not send): the place
            // must come back all the same.
            mirror.end(ShadowResult.FAILED);
        }
    }

    private ShadowResult result(ShadowMirror mirror, HttpResponse<byte[]> response, Throwable error) {
        if (error != null || response.statusCode() < 200 || response.statusCode() > 299) {
            return ShadowResult.FAILED;
        }
        try {
            return new OutputAgreement(mirror.settings.tolerance()).agree(mirror.primaryOutput(), response.body())
                    ? ShadowResult.AGREE
                    : ShadowResult.DISAGREE;
        } catch (RuntimeException | StackOverflowError e) {
            // An output too deep or too odd to walk: its place must come back, and it proves nothing either way.
            return ShadowResult.FAILED;
        }
    }

    /** Only executor threads call this: the lock is never taken on an event loop. */
    private synchronized HttpClient client() {
        if (http == null) {
            // Each request's timeout (the model's shadow timeout) bounds its connection too.
            http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(executor)
                    .followRedirects(HttpClient.Redirect.NEVER).build();
        }
        return http;
    }

    private ShadowStats stats(String model, String version) {
        ShadowStats found = find(model, version);
        if (found != null) {
            return found;
        }
        return stats.computeIfAbsent(model, m -> new ConcurrentHashMap<>())
                .computeIfAbsent(version, v -> new ShadowStats());
    }

    private ShadowStats find(String model, String version) {
        Map<String, ShadowStats> versions = stats.get(model);
        return versions == null ? null : versions.get(version);
    }

    /** How the requests mirrored to {@code version} of {@code model} ended, by result label. */
    public Map<String, Long> counts(String model, String version) {
        ShadowStats found = find(model, version);
        return (found == null ? new ShadowStats() : found).counts();
    }

    /** Mirrored requests to {@code version} of {@code model} not yet answered. */
    public int inFlight(String model, String version) {
        ShadowStats found = find(model, version);
        return found == null ? 0 : found.inFlight();
    }

    /** Forgets the counts of versions that are gone; their mirrors in flight end uncounted here. */
    void retain(Predicate<String> liveModel, BiPredicate<String, String> live) {
        VersionMaps.retain(stats, liveModel, live);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
