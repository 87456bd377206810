package io.gatehouse.auth;

import io.gatehouse.auth.jwt.JwksSources;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What authenticators share across routes and reloads: a bounded pool for work that must not run on an event loop
 * (bcrypt, key fetches), an asynchronous HTTP client for calls to other services, a scheduler for periodic work
 * (key set refreshes), the key sets fetched from JWKS URLs (kept across reloads while a route uses them), and the
 * wall clock that token lifetimes are checked against. A full pool refuses work
 * ({@link RejectedExecutionException}) rather than queueing without bound: a flood of slow checks must not grow
 * memory or delay every later request.
 */
public final class AuthServices implements AutoCloseable {

    private final ExecutorService blocking;
    private final Clock clock;
    private final AuthHttp http;
    private final ScheduledThreadPoolExecutor scheduler;
    private final JwksSources jwks;

    /**
     * @param threads threads of the blocking pool
     * @param queue   tasks that may wait for one
     */
    public AuthServices(Clock clock, int threads, int queue) {
        this.clock = clock;
        AtomicInteger count = new AtomicInteger();
        this.blocking = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queue),
                runnable -> {
                    Thread thread = new Thread(runnable, "gatehouse-auth-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        ((ThreadPoolExecutor) blocking).allowCoreThreadTimeOut(true);
        this.http = new AuthHttp(2, 1024, Duration.ofSeconds(5));
        this.scheduler = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "gatehouse-auth-timer");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.setRemoveOnCancelPolicy(true);
        this.jwks = new JwksSources(http, scheduler, clock);
    }

    /** One thread per core (at least two), with room for 1024 waiting tasks. */
    public static AuthServices create() {
        return new AuthServices(Clock.systemUTC(), Math.max(2, Runtime.getRuntime().availableProcessors()), 1024);
    }

    /** Runs blocking work; throws {@link RejectedExecutionException} when the pool and its queue are full. */
    public ExecutorService blocking() {
        return blocking;
    }

    public Clock clock() {
        return clock;
    }

    public AuthHttp http() {
        return http;
    }

    /** Key sets by URL and refresh settings, shared by every route that names the same. */
    public JwksSources jwks() {
        return jwks;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        http.close();
        blocking.shutdownNow();
    }
}
