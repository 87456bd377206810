package io.gatehouse.upstream.lb;

import io.gatehouse.upstream.Endpoint;
import java.util.List;

/** A balancer with a choice to make: a single candidate needs no strategy, and gets a picker that returns it. */
abstract class SpreadingBalancer implements Balancer {

    @Override
    public final Picker prepare(List<Endpoint> candidates) {
        Endpoint[] endpoints = candidates.toArray(new Endpoint[0]);
        if (endpoints.length == 1) {
            return request -> endpoints[0];
        }
        return prepareChoice(endpoints);
    }

    /** A picker over at least two endpoints. */
    abstract Picker prepareChoice(Endpoint[] endpoints);
}
