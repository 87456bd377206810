package io.gatehouse.config;

import java.time.Duration;

/**
 * The bounded inference queue of each version: how many requests run at once, how many wait, and for how long.
 */
public record ModelQueueConfig(int maxInFlight, int maxQueued, Duration timeout) {

    public static final ModelQueueConfig DEFAULT = new ModelQueueConfig(64, 256, Duration.ofSeconds(10));
}
