package io.gatehouse.ratelimit.redis;

import io.gatehouse.internal.NanoClock;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.resource.ClientResources;
import io.netty.util.concurrent.EventExecutorGroup;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One connection to one Redis server, shared by every limiter that names its URL: calls from every event loop
 * pipeline on it and complete on Lettuce's threads. Lettuce reconnects on its own once connected; a first
 * connection that failed is tried again by the next call the circuit lets through. While disconnected, commands
 * are rejected at once rather than queued, and a command cut off by a disconnect is never replayed (its request
 * has had its answer from the failure policy).
 */
final class RedisLink {

    /** Commands in flight at most on the connection; beyond, calls fail at once. */
    private static final int REQUEST_QUEUE_SIZE = 16_384;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final String CLIENT_NAME = "gatehouse";
    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(2);

    private final String url;
    private final RedisURI uri;
    private final String name;
    private final RedisClient client;
    private final EventExecutorGroup timers;
    private final RedisCircuit circuit;
    private final AtomicReference<CompletableFuture<StatefulRedisConnection<String, String>>> connection;
    private final AtomicInteger users = new AtomicInteger();
    private volatile boolean closed;

    RedisLink(String url, ClientResources resources, RedisCircuit.Settings circuitSettings,
              NanoClock clock) {
        this.url = url;
        this.uri = RedisURI.create(url);
        this.name = uri.toString();
        if (uri.getClientName() == null) {
            // so that CLIENT LIST tells the gateway's connections apart
            uri.setClientName(CLIENT_NAME);
        }
        this.client = RedisClient.create(resources, uri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                // a command cut off by a disconnect has had its answer from the failure policy: never run it again
                .replayFilter(command -> true)
                .requestQueueSize(REQUEST_QUEUE_SIZE)
                // each call has a timer of its own, with its limiter's timeout
                .timeoutOptions(TimeoutOptions.builder().timeoutCommands(false).build())
                .socketOptions(SocketOptions.builder().connectTimeout(CONNECT_TIMEOUT).keepAlive(true).build())
                .build());
        this.timers = resources.eventExecutorGroup();
        this.circuit = new RedisCircuit(name, circuitSettings, clock);
        this.connection = new AtomicReference<>(connect());
    }

    String url() {
        return url;
    }

    /** The server's address without its password, for logs and messages. */
    String name() {
        return name;
    }

    /** Whether the circuit lets a call through now; when it does, {@link #call} must follow. */
    boolean admitsCall() {
        return circuit.admits();
    }

    /**
     * Runs {@code script} on {@code key}; the stage fails when Redis fails or does not answer within
     * {@code timeout}, and the outcome counts towards the circuit.
     */
    CompletionStage<List<Object>> call(LimitScript script, String key, String[] arguments, Duration timeout) {
        CallOutcome outcome = new CallOutcome();
        try {
            ScheduledFuture<?> timer = timers.schedule(() -> outcome.fail(new RedisCommandTimeoutException(
                    "Redis " + name + " did not answer " + script + " within " + timeout)),
                    timeout.toNanos(), TimeUnit.NANOSECONDS);
            connection().thenCompose(redis -> ScriptRunner.run(redis.async(), script, key, arguments))
                    .whenComplete((reply, error) -> {
                        timer.cancel(false);
                        if (error == null) {
                            outcome.succeed(reply);
                        } else {
                            outcome.fail(ScriptRunner.unwrap(error));
                        }
                    });
        } catch (RuntimeException e) {
            // such as timers refusing work once shut down: still one outcome for the circuit
            outcome.fail(e);
        }
        return outcome.result;
    }

    /**
     * The first of answer and timeout settles a call: the circuit counts it before the caller sees it, so that a
     * caller who has its answer also sees the circuit it made.
     */
    private final class CallOutcome {
        final CompletableFuture<List<Object>> result = new CompletableFuture<>();
        private final AtomicBoolean settled = new AtomicBoolean();

        void succeed(List<Object> reply) {
            if (settled.compareAndSet(false, true)) {
                circuit.onSuccess();
                result.complete(reply);
            }
        }

        void fail(Throwable error) {
            if (settled.compareAndSet(false, true)) {
                circuit.onFailure();
                result.completeExceptionally(error);
            }
        }
    }

    RedisState state() {
        CompletableFuture<StatefulRedisConnection<String, String>> current = connection.get();
        boolean open = current.isDone() && !current.isCompletedExceptionally() && current.join().isOpen();
        return open && !circuit.isOpen() ? RedisState.UP : RedisState.DOWN;
    }

    /** Counts one more limiter using this link. */
    void retain() {
        users.incrementAndGet();
    }

    /** Counts one limiter less; true when it was the last. */
    boolean release() {
        return users.decrementAndGet() == 0;
    }

    /** Closes the connection; calls after this fail. The stage completes once it is closed. */
    CompletableFuture<Void> close() {
        closed = true;
        // a connection still being made would escape the shutdown, half set up
        return connection.get().handle((redis, error) -> null)
                .thenCompose(settled -> client.shutdownAsync(0, SHUTDOWN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
    }

    /** The established connection, or a new attempt when the last one failed. */
    private CompletableFuture<StatefulRedisConnection<String, String>> connection() {
        CompletableFuture<StatefulRedisConnection<String, String>> current = connection.get();
        if (!current.isCompletedExceptionally() || closed) {
            return current;
        }
        CompletableFuture<StatefulRedisConnection<String, String>> next = new CompletableFuture<>();
        if (!connection.compareAndSet(current, next)) {
            return connection.get();
        }
        connect().whenComplete((redis, error) -> {
            if (error == null) {
                next.complete(redis);
            } else {
                next.completeExceptionally(error);
            }
        });
        return next;
    }

    private CompletableFuture<StatefulRedisConnection<String, String>> connect() {
        return client.connectAsync(StringCodec.UTF8, uri).toCompletableFuture();
    }
}
