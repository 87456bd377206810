package io.gatehouse.config;

import java.time.Duration;

/** So many units per period, written {@code 10/s}, {@code 600/m}, {@code 1000/h}. */
public record Rate(long amount, Duration per) {

    public double perSecond() {
        return amount * 1e9 / per.toNanos();
    }

    /** Nanoseconds for one unit at this rate. */
    public double nanosPerUnit() {
        return (double) per.toNanos() / amount;
    }
}
