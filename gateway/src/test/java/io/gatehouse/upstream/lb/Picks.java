package io.gatehouse.upstream.lb;

import io.gatehouse.upstream.Endpoint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Helpers for balancer tests: seeded randomness, pick sequences and tallies by authority. */
final class Picks {

    static final int MANY = 100_000;

    private Picks() {
    }

    /** One seeded generator for the whole test: the tests are single-threaded. */
    static RandomSource seeded(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        return () -> random;
    }

    static String pick(Picker picker, int loop) {
        return picker.pick(new PickRequest(loop, null, null, 0)).authority();
    }

    static List<String> sequence(Picker picker, int loop, int picks) {
        List<String> sequence = new ArrayList<>();
        for (int i = 0; i < picks; i++) {
            sequence.add(pick(picker, loop));
        }
        return sequence;
    }

    /** How often each endpoint is picked in {@code picks} keyless picks on loop 0, in candidate order. */
    static Map<String, Integer> tally(Picker picker, List<Endpoint> candidates, int picks) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        candidates.forEach(e -> counts.put(e.authority(), 0));
        for (int i = 0; i < picks; i++) {
            counts.merge(pick(picker, 0), 1, Integer::sum);
        }
        return counts;
    }
}
