package io.gatehouse.upstream.lb;

import io.gatehouse.upstream.Endpoint;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Consistent hashing by Maglev: a request's hash key always leads to the same endpoint while the candidates stay
 * the same, and removing one of N endpoints moves only about 1/N of the keys. A request without a key goes to a
 * random endpoint. A retry (attempt > 0) rehashes the key salted with the attempt number and goes to an endpoint
 * other than the first try's, so a failing endpoint is not retried. Weights count, slow start does not: ramping
 * would remap keys.
 */
final class ConsistentHashBalancer extends SpreadingBalancer {

    private static final long KEY_SEED = 0;

    private final RandomSource random;

    ConsistentHashBalancer(RandomSource random) {
        this.random = random;
    }

    @Override
    Picker prepareChoice(Endpoint[] endpoints) {
        // The table depends on the order endpoints fill it in; sorting makes it depend on the set alone, so that
        // discovery listing the same endpoints in another order moves no key.
        List<Endpoint> sorted = new ArrayList<>(List.of(endpoints));
        sorted.sort(Comparator.comparing(Endpoint::authority));
        MaglevTable table = new MaglevTable(sorted);
        return request -> {
            CharSequence key = request.hashKey();
            if (key == null) {
                return endpoints[random.current().nextInt(endpoints.length)];
            }
            Endpoint first = table.lookup(StringHash64.hash(key, KEY_SEED));
            if (request.attempt() == 0) {
                return first;
            }
            return table.lookupOther(StringHash64.hash(key, KEY_SEED + request.attempt()), first);
        };
    }
}
