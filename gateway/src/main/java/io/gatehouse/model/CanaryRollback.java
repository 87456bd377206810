package io.gatehouse.model;

import java.time.Instant;

/** A canary whose weight the gateway set to 0, when and why. */
public record CanaryRollback(Instant at, String model, String version, String reason) {
}
