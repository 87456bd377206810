package io.gatehouse.upstream;

import io.gatehouse.config.FailureConditions;

/**
 * How one try of a request against one endpoint ended, as far as health, breaking and retrying care.
 *
 * @param status       the response status for {@link Kind#RESPONSE}, otherwise 0
 * @param latencyNanos from the start of the try to the response head (or to the failure)
 */
public record TryOutcome(Kind kind, int status, long latencyNanos) {

    public enum Kind {
        /** A response head arrived. */
        RESPONSE,
        /** No connection could be made. */
        CONNECT_FAILURE,
        /** The connection closed or failed before the response head. */
        RESET,
        /** No response head within the try's timeout. */
        TIMEOUT
    }

    public static TryOutcome response(int status, long latencyNanos) {
        return new TryOutcome(Kind.RESPONSE, status, latencyNanos);
    }

    public static TryOutcome failure(Kind kind, long latencyNanos) {
        return new TryOutcome(kind, 0, latencyNanos);
    }

    /** Whether {@code conditions} count this outcome as a failure. */
    public boolean failsBy(FailureConditions conditions) {
        return switch (kind) {
            case RESPONSE -> conditions.statuses().contains(status);
            case CONNECT_FAILURE -> conditions.connectFailure();
            case RESET -> conditions.reset();
            case TIMEOUT -> conditions.timeout();
        };
    }

    /**
     * What passive outlier detection counts: a 5xx, or a try that failed locally (connect failure, reset,
     * timeout), which Envoy also maps to 5xx.
     */
    public boolean endpointError() {
        return kind != Kind.RESPONSE || status >= 500;
    }
}
