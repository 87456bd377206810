package io.gatehouse.upstream.lb;

import io.gatehouse.upstream.Endpoint;
import java.util.List;

/**
 * A balancing strategy of one upstream. It outlives the endpoint lists it balances: whenever the candidates
 * change (discovery, health, ejection, reload) it prepares a {@link Picker} for the new list, off the event loops.
 * State that must survive such changes lives on the {@link Endpoint} (its loop state, active count, latency).
 */
public interface Balancer {

    /** A picker over {@code candidates}, which is never empty. */
    Picker prepare(List<Endpoint> candidates);
}
