package io.gatehouse.serving;

import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The threads that run inference: a fixed number of workers and a bounded queue. When the queue is full a request
 * is refused at once (503 with Retry-After) rather than waiting without bound.
 */
final class InferenceWorkers implements AutoCloseable {

    /** The queue was full: the server is at capacity. */
    static final class QueueFullException extends RuntimeException {
        QueueFullException(int capacity) {
            super("inference queue is full (" + capacity + " waiting); retry later", null, false, false);
        }
    }

    private final ThreadPoolExecutor pool;
    private final int capacity;

    InferenceWorkers(int workers, int capacity) {
        this.capacity = capacity;
        this.pool = new ThreadPoolExecutor(workers, workers, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(capacity), new DefaultThreadFactory("gatehouse-inference", true),
                new ThreadPoolExecutor.AbortPolicy());
    }

    /** Queues {@code work}; throws {@link QueueFullException} when the queue is full. */
    <T> CompletableFuture<T> submit(Callable<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            pool.execute(() -> {
                try {
                    result.complete(work.call());
                } catch (Exception | Error e) {
                    result.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            throw new QueueFullException(capacity);
        }
        return result;
    }

    /** Lets queued and running work finish, then stops the workers. */
    @Override
    public void close() {
        pool.shutdown();
        try {
            if (!pool.awaitTermination(30, TimeUnit.SECONDS)) {
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pool.shutdownNow();
        }
    }
}
