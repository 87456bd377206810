package io.gatehouse.serving;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the native tensors and results inference opens and closes. Their memory is invisible to the heap limit
 * and to Netty's leak detector, so a difference that stays above zero once requests are done is a leak.
 */
final class NativeValueCounter {

    private final LongAdder opened = new LongAdder();
    private final LongAdder closed = new LongAdder();

    void opened() {
        opened.increment();
    }

    void closed() {
        closed.increment();
    }

    long openedCount() {
        return opened.sum();
    }

    long open() {
        return opened.sum() - closed.sum();
    }
}
