package io.gatehouse.upstream;

/** Why a request could not be sent to an upstream at all; each is counted and may lead to the route's fallback. */
public enum Refusal {
    BREAKER_OPEN("the upstream's circuit breaker is open"),
    MAX_ACTIVE("the upstream is at its limit of active requests"),
    MAX_PENDING("the upstream is at its connection limit and its wait queue is full"),
    NO_ENDPOINT("no endpoint of the upstream is available");

    private final String detail;

    Refusal(String detail) {
        this.detail = detail;
    }

    /** For the client: says what happened without internals. */
    public String detail() {
        return detail;
    }
}
