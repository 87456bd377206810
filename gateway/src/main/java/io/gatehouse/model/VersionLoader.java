package io.gatehouse.model;

import io.gatehouse.config.UpstreamTlsConfig;
import io.gatehouse.internal.NanoClock;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Loads one version on its backends: the load call to every endpoint that needs one, then readiness polls of
 * every endpoint until all report the version ready or the deadline passes. Every step continues on the control
 * thread; nothing blocks.
 */
final class VersionLoader {

    /** How the error of a load that timed out begins. */
    static final String NOT_READY = "not ready after ";

    private final BackendClient backends;
    private final ScheduledExecutorService control;
    private final NanoClock clock;
    private final Duration pollInterval;

    VersionLoader(BackendClient backends, ScheduledExecutorService control, NanoClock clock, Duration pollInterval) {
        this.backends = backends;
        this.control = control;
        this.clock = clock;
        this.pollInterval = pollInterval;
    }

    /**
     * Completes with null once every endpoint reports the version ready, or with what went wrong: a load call the
     * backend refused (its error text) or endpoints still not ready after {@code timeout}.
     *
     * @param loadOn    the endpoints that get the load call (all, or those a backend restart emptied)
     * @param tls       the TLS settings of the endpoints' upstream; null for cleartext
     * @param readiness told of each round of readiness answers
     */
    CompletableFuture<String> load(ModelView model, String version, List<InetSocketAddress> endpoints,
                                   List<InetSocketAddress> loadOn, UpstreamTlsConfig tls, Duration timeout,
                                   Consumer<List<BackendClient.Answer>> readiness) {
        if (endpoints.isEmpty()) {
            return CompletableFuture.completedFuture("the upstream has no endpoints");
        }
        long deadline = clock.nanoTime() + timeout.toNanos();
        List<CompletableFuture<BackendClient.Answer>> calls = loadOn.stream()
                .map(endpoint -> backends.load(model, version, endpoint, tls, timeout)).toList();
        return allOf(calls).thenComposeAsync(answers -> {
            String refused = failures(answers);
            if (refused != null) {
                return CompletableFuture.completedFuture(refused);
            }
            CompletableFuture<String> result = new CompletableFuture<>();
            poll(model, version, endpoints, tls, deadline, timeout, readiness, result);
            return result;
        }, control);
    }

    /** Every endpoint's readiness answer for the version, in endpoint order. */
    CompletableFuture<List<BackendClient.Answer>> readiness(ModelView model, String version,
                                                            List<InetSocketAddress> endpoints,
                                                            UpstreamTlsConfig tls) {
        return allOf(endpoints.stream().map(endpoint -> backends.ready(model, version, endpoint, tls)).toList());
    }

    private void poll(ModelView model, String version, List<InetSocketAddress> endpoints, UpstreamTlsConfig tls,
                      long deadline, Duration timeout, Consumer<List<BackendClient.Answer>> seen,
                      CompletableFuture<String> result) {
        readiness(model, version, endpoints, tls).whenCompleteAsync((answers, error) -> {
            if (error != null) {
                result.complete("readiness check failed: " + error);
                return;
            }
            seen.accept(answers);
            String notReady = failures(answers);
            if (notReady == null) {
                result.complete(null);
            } else if (clock.nanoTime() - deadline >= 0) {
                result.complete(NOT_READY + timeout.toMillis() + " ms: " + notReady);
            } else {
                control.schedule(() -> poll(model, version, endpoints, tls, deadline, timeout, seen, result),
                        pollInterval.toNanos(), TimeUnit.NANOSECONDS);
            }
        }, control);
    }

    /** The control thread, where every step continues. */
    ScheduledExecutorService control() {
        return control;
    }

    /** The failed answers as one text, or null when all are ok. */
    static String failures(List<BackendClient.Answer> answers) {
        String failed = answers.stream().filter(answer -> !answer.ok())
                .map(answer -> answer.endpoint() + ": " + answer.detail()).collect(Collectors.joining("; "));
        return failed.isEmpty() ? null : failed;
    }

    static <T> CompletableFuture<List<T>> allOf(List<CompletableFuture<T>> futures) {
        return CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new))
                .thenApply(done -> futures.stream().map(CompletableFuture::join).toList());
    }
}
