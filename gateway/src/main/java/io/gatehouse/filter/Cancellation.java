package io.gatehouse.filter;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;

/**
 * For filters whose decision waits on other work (a call to another service, a place in a queue). When the
 * exchange ends before the decision (the client went away, the filter's timeout passed), the chain cancels the
 * stage the request hook returned; a {@link CompletableFuture} does not pass that back to the futures it was
 * derived from, so the work behind it would go on unless the filter links the two.
 */
public final class Cancellation {

    private Cancellation() {
    }

    /** Cancels {@code work} once {@code stage} is cancelled; returns {@code stage}. */
    public static <T> CompletableFuture<T> propagate(CompletableFuture<T> stage, Future<?> work) {
        stage.whenComplete((value, error) -> {
            if (stage.isCancelled()) {
                work.cancel(true);
            }
        });
        return stage;
    }
}
