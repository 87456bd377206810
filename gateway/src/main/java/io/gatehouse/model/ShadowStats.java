package io.gatehouse.model;

import io.gatehouse.observe.ShadowResult;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/** The mirrored requests of one shadow version: how many are in flight, and how those that ended compared. */
final class ShadowStats {

    private final AtomicInteger inFlight = new AtomicInteger();
    private final LongAdder[] results = new LongAdder[ShadowResult.values().length];

    ShadowStats() {
        for (int i = 0; i < results.length; i++) {
            results[i] = new LongAdder();
        }
    }

    /** Takes one of {@code max} in-flight places; false when all are taken. */
    boolean enter(int max) {
        int now;
        do {
            now = inFlight.get();
            if (now >= max) {
                return false;
            }
        } while (!inFlight.compareAndSet(now, now + 1));
        return true;
    }

    void leave() {
        inFlight.decrementAndGet();
    }

    int inFlight() {
        return inFlight.get();
    }

    void count(ShadowResult result) {
        results[result.ordinal()].increment();
    }

    /** Every result's count by its label, in the order of {@link ShadowResult}. */
    Map<String, Long> counts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (ShadowResult result : ShadowResult.values()) {
            counts.put(result.label(), results[result.ordinal()].sum());
        }
        return counts;
    }
}
