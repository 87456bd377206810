package io.gatehouse.upstream.health;

/**
 * Turns check results into a verdict with hysteresis: a healthy endpoint turns unhealthy after {@code unhealthy}
 * failures in a row, an unhealthy one healthy after {@code healthy} successes in a row, so one lost check does not
 * flap it. Used by one thread.
 */
final class HealthThresholds {

    private final int healthyAfter;
    private final int unhealthyAfter;
    private boolean healthy;
    /** Results in a row that disagree with the verdict. */
    private int streak;

    HealthThresholds(boolean healthy, int healthyAfter, int unhealthyAfter) {
        if (healthyAfter < 1 || unhealthyAfter < 1) {
            throw new IllegalArgumentException("expected thresholds of at least 1, got healthy " + healthyAfter
                    + " and unhealthy " + unhealthyAfter);
        }
        this.healthy = healthy;
        this.healthyAfter = healthyAfter;
        this.unhealthyAfter = unhealthyAfter;
    }

    /** Counts one check result; returns true when it flipped the verdict. */
    boolean record(boolean success) {
        if (success == healthy) {
            streak = 0;
            return false;
        }
        streak++;
        if (streak < (healthy ? unhealthyAfter : healthyAfter)) {
            return false;
        }
        healthy = success;
        streak = 0;
        return true;
    }

    boolean healthy() {
        return healthy;
    }
}
