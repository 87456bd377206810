package io.gatehouse.config;

import java.time.Duration;

/**
 * A version that receives a copy of {@code percent} of a model's requests, off the client's path, and how much the
 * mirroring may hold.
 *
 * @param maxBody     bytes each copy (the request body, the primary's output) may hold; larger calls are not
 *                    mirrored
 * @param maxInFlight mirrored requests to the shadow version in flight at once; more are dropped
 * @param tolerance   the relative difference the numbers of the two outputs may have and still agree
 * @param timeout     how long the shadow may take to answer before its request counts as failed
 */
public record ShadowConfig(String version, double percent, int maxBody, int maxInFlight, double tolerance,
                           Duration timeout) {

    public static final int DEFAULT_MAX_BODY = 1 << 20;
    /** Each mirror in flight holds two copies of up to {@code max-body}: this bounds one shadow's heap share. */
    public static final int MAX_MAX_BODY = 64 << 20;
    public static final int DEFAULT_MAX_IN_FLIGHT = 16;
    public static final double DEFAULT_TOLERANCE = 1e-6;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    /** What {@code max-body} must be, for messages. */
    public static final String MAX_BODY_EXPECTED = "expected a size from 1B to " + (MAX_MAX_BODY >> 20) + "MiB";
    /** What {@code tolerance} must be, for messages. */
    public static final String TOLERANCE_EXPECTED = "expected a relative difference from 0 to 1, like 1e-6";

    /** A shadow with the default bounds. */
    public ShadowConfig(String version, double percent) {
        this(version, percent, DEFAULT_MAX_BODY, DEFAULT_MAX_IN_FLIGHT, DEFAULT_TOLERANCE, DEFAULT_TIMEOUT);
    }

    public static boolean validMaxBody(long maxBody) {
        return maxBody >= 1 && maxBody <= MAX_MAX_BODY;
    }

    public static boolean validTolerance(double tolerance) {
        return tolerance >= 0 && tolerance <= 1;
    }
}
