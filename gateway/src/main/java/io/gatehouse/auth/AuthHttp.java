package io.gatehouse.auth;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The node's HTTP client for calls authenticators make (key sets, token introspection, authorization services):
 * asynchronous, on a few threads of its own, never on an event loop. Calls in flight are capped, so that a slow
 * service cannot make waiting requests pile up without bound: over the cap a call fails at once.
 */
public final class AuthHttp {

    private final ExecutorService executor;
    private final HttpClient client;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final int maxInFlight;

    AuthHttp(int threads, int maxInFlight, Duration connectTimeout) {
        AtomicInteger count = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                runnable -> {
                    Thread thread = new Thread(runnable, "gatehouse-auth-http-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        ((ThreadPoolExecutor) executor).allowCoreThreadTimeOut(true);
        this.client = HttpClient.newBuilder()
                .executor(executor)
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.maxInFlight = maxInFlight;
    }

    /**
     * Sends {@code request} and reads the whole response body; the stage fails with a {@code TimeoutException} when
     * the answer (head and body) has not arrived within {@code timeout} (the one deadline: requests set none of
     * their own), or at once when too many calls are in flight.
     */
    public CompletableFuture<HttpResponse<byte[]>> send(HttpRequest request, Duration timeout) {
        if (inFlight.incrementAndGet() > maxInFlight) {
            inFlight.decrementAndGet();
            return CompletableFuture.failedFuture(new RejectedExecutionException(
                    "more than " + maxInFlight + " authentication calls in flight"));
        }
        CompletableFuture<HttpResponse<byte[]>> sent;
        try {
            sent = client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (RuntimeException e) {
            inFlight.decrementAndGet();
            return CompletableFuture.failedFuture(e);
        }
        sent.whenComplete((response, error) -> inFlight.decrementAndGet());
        // A copy, so that the timeout does not complete the client's own future under it; the exchange is then
        // cancelled, which makes the client abort it.
        CompletableFuture<HttpResponse<byte[]>> answer = sent.thenApply(response -> response)
                .orTimeout(timeout.toNanos(), TimeUnit.NANOSECONDS);
        answer.whenComplete((response, error) -> {
            if (error != null) {
                sent.cancel(true);
            }
        });
        return answer;
    }

    void close() {
        executor.shutdownNow();
    }
}
