package io.gatehouse.ratelimit.local;

import io.gatehouse.config.Rate;

/**
 * A rate as {@code units} per {@code nanos}, reduced to lowest terms so that equal rates ({@code 10/s},
 * {@code 600/m}) are equal paces. Backlogs are measured in ticks of {@code 1/units} nanosecond, in which one unit
 * takes exactly {@code nanos} ticks: at {@code 3/s} a unit takes a third of a second, with nothing rounded away.
 */
record Pace(long units, long nanos) {

    /** The longest backlog kept, in ticks: enough for any charge, and small enough that two add without overflow. */
    static final long MAX_TICKS = Long.MAX_VALUE / 4;

    static Pace of(Rate rate) {
        long nanos = rate.per().toNanos();
        if (rate.amount() < 1 || rate.amount() > nanos) {
            throw new IllegalArgumentException("expected a rate between 1 per period and 1 per nanosecond, got "
                    + rate.amount() + " per " + rate.per());
        }
        long divisor = gcd(rate.amount(), nanos);
        return new Pace(rate.amount() / divisor, nanos / divisor);
    }

    /** The ticks {@code count} units take, at most {@link #MAX_TICKS}. */
    long ticks(long count) {
        return Math.min(MAX_TICKS, LimitMath.saturatedMultiply(count, nanos));
    }

    /**
     * {@code count}, a bucket's capacity or a queue, after checking that a backlog of that many units is within
     * {@link #MAX_TICKS}, so that a backlog saturated by charges still holds more than it.
     */
    long checkedBound(long count, String what) {
        long most = (MAX_TICKS - 1) / nanos;
        if (count > most) {
            throw new IllegalArgumentException("expected a " + what + " of at most " + most + " at a rate of "
                    + units + " per " + nanos + " ns, got " + count);
        }
        return count;
    }

    private static long gcd(long a, long b) {
        return b == 0 ? a : gcd(b, a % b);
    }
}
