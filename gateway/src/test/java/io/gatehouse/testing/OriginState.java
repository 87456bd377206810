package io.gatehouse.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** What a {@link TestOrigin} has seen, shared between its event loop and the test thread. */
final class OriginState {
    private final List<RecordedRequest> requests = new ArrayList<>();
    private int accepted;
    private int open;

    synchronized int connectionOpened() {
        accepted++;
        open++;
        notifyAll();
        return accepted;
    }

    synchronized void connectionClosed() {
        open--;
        notifyAll();
    }

    synchronized void recorded(RecordedRequest request) {
        requests.add(request);
        notifyAll();
    }

    synchronized int accepted() {
        return accepted;
    }

    synchronized int open() {
        return open;
    }

    synchronized List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    synchronized List<RecordedRequest> awaitRequests(int count, Duration timeout) {
        await(() -> requests.size() >= count, timeout, () -> count + " requests, received " + requests);
        return List.copyOf(requests.subList(0, count));
    }

    synchronized void awaitOpenConnections(int count, Duration timeout) {
        await(() -> open == count, timeout, () -> count + " open connections, " + open + " open");
    }

    /** Waits on this monitor, which every state change notifies; fails the test on timeout. */
    private void await(BooleanSupplier condition, Duration timeout, Supplier<String> expectation) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (!condition.getAsBoolean()) {
                long remainingMillis = Duration.ofNanos(deadline - System.nanoTime()).toMillis();
                if (remainingMillis <= 0) {
                    throw new AssertionError("Timed out after " + timeout + " waiting for " + expectation.get());
                }
                wait(remainingMillis);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted waiting for " + expectation.get(), e);
        }
    }
}
