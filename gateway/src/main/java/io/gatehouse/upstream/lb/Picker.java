package io.gatehouse.upstream.lb;

import io.gatehouse.upstream.Endpoint;

/**
 * Picks among one fixed list of candidate endpoints; built by a {@link Balancer} each time the candidates change.
 * Called on the exchange's event loop, from every loop at once: per-loop state is indexed by the request's loop
 * index, shared state is lock-free.
 */
@FunctionalInterface
public interface Picker {

    /** Never null: the candidate list a picker is built for is never empty. */
    Endpoint pick(PickRequest request);
}
