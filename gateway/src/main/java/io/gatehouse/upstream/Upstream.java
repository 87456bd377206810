package io.gatehouse.upstream;

import io.gatehouse.config.UpstreamConfig;
import io.gatehouse.internal.NanoClock;
import io.gatehouse.upstream.health.EndpointHealth;
import io.gatehouse.upstream.health.OutlierDetector;
import io.gatehouse.upstream.lb.Balancer;
import io.gatehouse.upstream.lb.PickRequest;
import io.gatehouse.upstream.lb.Picker;
import io.gatehouse.upstream.resilience.CircuitBreaker;
import io.gatehouse.upstream.resilience.RetryBudget;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;

/**
 * A named set of endpoints with everything the node shares about it: the balancer, limits, breaker, retry
 * budget and outlier detector. One object per upstream name lives across reloads and discovery updates; the
 * registry reconfigures it in place. The data path reads only volatile snapshots (the candidate endpoints with
 * their picker), so picking takes no lock; whatever changes the candidates recomputes them off the event loops.
 */
public final class Upstream {

    /**
     * The endpoints that take traffic now, with the picker built for exactly them, out of every endpoint with the
     * status each was judged by.
     */
    private record Candidates(List<Endpoint> all, Map<Endpoint, EndpointHealth.Status> statuses,
                              List<Endpoint> endpoints, boolean panic, Picker picker) {
    }

    private final String name;
    private final NanoClock clock;
    private final UpstreamLimits limits;
    private final RetryBudget retryBudget = new RetryBudget();
    private final LongAdder retries = new LongAdder();
    private final LongAdder ejections = new LongAdder();
    private final LongAdder budgetExhausted = new LongAdder();
    private final LongAdder fallbacks = new LongAdder();
    private final LongAdder[] refusals = new LongAdder[Refusal.values().length];
    private volatile UpstreamConfig config;
    private volatile Balancer balancer;
    private volatile CircuitBreaker breaker;
    private volatile OutlierDetector outlier;
    /** What the registry lists; {@link #refresh()} makes it the candidates' {@code all}. */
    private volatile List<Endpoint> listed = List.of();
    private volatile Candidates candidates = new Candidates(List.of(), Map.of(), List.of(), false, null);
    /** Endpoints the last refresh found unavailable: ramping up when they become available again. */
    private Set<Endpoint> lastUnavailable = Set.of();

    Upstream(UpstreamConfig config, NanoClock clock) {
        this.name = config.name();
        this.config = config;
        this.clock = clock;
        this.limits = new UpstreamLimits(config.limits());
        for (int i = 0; i < refusals.length; i++) {
            refusals[i] = new LongAdder();
        }
    }

    public String name() {
        return name;
    }

    public UpstreamConfig config() {
        return config;
    }

    /** The time this upstream's health, ejections and latency are measured in. */
    public NanoClock clock() {
        return clock;
    }

    /** Every endpoint, available or not. */
    public List<Endpoint> endpoints() {
        return candidates.all();
    }

    /**
     * The endpoint's health as routing last applied it. Checks and ejections change an endpoint's health at once
     * and routing a moment later, off the event loops: reporting this status, the admin API and metrics never
     * claim an endpoint is out of rotation while it still takes traffic.
     */
    public EndpointHealth.Status status(Endpoint endpoint) {
        EndpointHealth.Status status = candidates.statuses().get(endpoint);
        return status != null ? status : endpoint.health().status(clock.nanoTime());
    }

    /** Whether too few endpoints are available, so traffic goes to all of them. */
    public boolean panic() {
        return candidates.panic();
    }

    public UpstreamLimits limits() {
        return limits;
    }

    public RetryBudget retryBudget() {
        return retryBudget;
    }

    /** Null until the registry first configures the upstream. */
    Balancer balancer() {
        return balancer;
    }

    /** Null when the upstream has no breaker. */
    public CircuitBreaker breaker() {
        return breaker;
    }

    /** Starts a try: takes an active-request slot and a breaker permit, or says why it cannot. */
    public UpstreamTry startTry() {
        if (!limits.tryStartRequest()) {
            refused(Refusal.MAX_ACTIVE);
            return new UpstreamTry(this, null, null, Refusal.MAX_ACTIVE);
        }
        CircuitBreaker current = breaker;
        CircuitBreaker.Permit permit = current == null ? null : current.acquire();
        if (current != null && permit == null) {
            limits.endRequest();
            refused(Refusal.BREAKER_OPEN);
            return new UpstreamTry(this, null, null, Refusal.BREAKER_OPEN);
        }
        return new UpstreamTry(this, current, permit, null);
    }

    /**
     * The endpoint for a try, or null when none is available. An endpoint to avoid is avoided when the picker
     * offers another within a few picks.
     */
    Endpoint pick(PickRequest request) {
        Candidates current = candidates;
        if (current.picker() == null) {
            return null;
        }
        Endpoint picked = current.picker().pick(request);
        for (int again = 0; picked == request.avoid() && again < 2 && current.endpoints().size() > 1; again++) {
            picked = current.picker().pick(new PickRequest(request.loopIndex(), request.hashKey(), request.avoid(),
                    request.attempt() + again + 1));
        }
        return picked;
    }

    /**
     * The endpoint for a request that is not this upstream's own, such as a mirror of another upstream's request:
     * the balancer's pick, with the cursor of event loop {@code loopIndex}, among the endpoints in rotation; null
     * when there is none. Nothing is admitted, counted or reported: no active-request slot or breaker permit is
     * taken, no refusal is counted, and the breaker, outlier detection and latency learn nothing. Whether such
     * traffic may go at all (breaker state, limits) is the caller's to decide. Call on that event loop.
     */
    public Endpoint pickUnadmitted(int loopIndex) {
        return pick(new PickRequest(loopIndex, null, null, 0));
    }

    void learn(Endpoint endpoint, TryOutcome outcome) {
        if (endpoint == null) {
            return;
        }
        if (outcome.kind() == TryOutcome.Kind.RESPONSE) {
            endpoint.latency().record(outcome.latencyNanos(), clock.nanoTime());
        }
        OutlierDetector detector = outlier;
        if (detector != null && detector.record(endpoint, outcome, endpoints())) {
            ejections.increment();
        }
    }

    public void retried() {
        retries.increment();
    }

    /** Counts a request this upstream could not take. */
    public void refused(Refusal refusal) {
        refusals[refusal.ordinal()].increment();
    }

    public long refusals(Refusal refusal) {
        return refusals[refusal.ordinal()].sum();
    }

    /** Counts a retry the retry budget did not allow. */
    public void budgetExhausted() {
        budgetExhausted.increment();
    }

    public long budgetExhaustions() {
        return budgetExhausted.sum();
    }

    /** Counts a request answered by a route's fallback because this upstream could not take it. */
    public void fellBack() {
        fallbacks.increment();
    }

    public long fallbacks() {
        return fallbacks.sum();
    }

    public long retries() {
        return retries.sum();
    }

    /** Ejections by outlier detection since the upstream was first configured. */
    public long ejections() {
        return ejections.sum();
    }

    void configure(UpstreamConfig config, Balancer balancer, CircuitBreaker breaker, OutlierDetector outlier) {
        this.config = config;
        this.balancer = balancer;
        this.breaker = breaker;
        this.outlier = outlier;
        limits.update(config.limits());
    }

    void endpoints(List<Endpoint> endpoints) {
        this.listed = List.copyOf(endpoints);
    }

    /**
     * Recomputes which endpoints take traffic, from health and ejections, and rebuilds the picker. Endpoints that
     * have just become available again start their slow start; new ones are the registry's to ramp. Never called
     * on an event loop.
     */
    public synchronized void refresh() {
        long now = clock.nanoTime();
        List<Endpoint> all = listed;
        List<Endpoint> available = new ArrayList<>();
        Set<Endpoint> unavailable = new HashSet<>();
        Map<Endpoint, EndpointHealth.Status> statuses = new HashMap<>();
        for (Endpoint endpoint : all) {
            EndpointHealth.Status status = endpoint.health().status(now);
            statuses.put(endpoint, status);
            if (status == EndpointHealth.Status.HEALTHY) {
                available.add(endpoint);
                if (lastUnavailable.contains(endpoint) && !config.slowStart().isZero()) {
                    endpoint.startRamp(now);
                }
            } else {
                unavailable.add(endpoint);
            }
        }
        lastUnavailable = unavailable;
        boolean panic = !all.isEmpty() && available.size() < config.panicThreshold() * all.size();
        List<Endpoint> chosen = panic ? all : available;
        candidates = new Candidates(all, Map.copyOf(statuses), List.copyOf(chosen), panic,
                chosen.isEmpty() ? null : balancer.prepare(chosen));
    }

    @Override
    public String toString() {
        return name;
    }
}
