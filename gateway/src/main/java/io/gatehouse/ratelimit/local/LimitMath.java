package io.gatehouse.ratelimit.local;

import java.math.BigInteger;

/**
 * Exact arithmetic on non-negative longs for limits decided in whole requests: products divided without losing
 * them to overflow, and sums and products that saturate at {@link Long#MAX_VALUE} rather than wrap. A rounding
 * error or a wrap would admit a request too many.
 */
final class LimitMath {

    private LimitMath() {
    }

    /** {@code a * b / c}, rounded down. */
    static long floorMulDiv(long a, long b, long c) {
        return mulDiv(a, b, c, false);
    }

    /** {@code a * b / c}, rounded up. */
    static long ceilMulDiv(long a, long b, long c) {
        return mulDiv(a, b, c, true);
    }

    static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }

    static long saturatedMultiply(long a, long b) {
        long product = a * b;
        return Math.multiplyHigh(a, b) == 0 && product >= 0 ? product : Long.MAX_VALUE;
    }

    static long saturatedAdd(long a, long b) {
        return a > Long.MAX_VALUE - b ? Long.MAX_VALUE : a + b;
    }

    /** The start of the window of {@code length} that holds {@code now}: windows start at multiples of length. */
    static long windowStart(long now, long length) {
        return Math.floorDiv(now, length) * length;
    }

    private static long mulDiv(long a, long b, long c, boolean roundUp) {
        long product = a * b;
        if (Math.multiplyHigh(a, b) == 0 && product >= 0) {
            long quotient = product / c;
            return roundUp && quotient * c != product ? quotient + 1 : quotient;
        }
        // Only large numbers get here, such as a day's nanoseconds times a million requests.
        BigInteger[] quotientAndRemainder = BigInteger.valueOf(a).multiply(BigInteger.valueOf(b))
                .divideAndRemainder(BigInteger.valueOf(c));
        BigInteger quotient = quotientAndRemainder[0];
        if (roundUp && quotientAndRemainder[1].signum() != 0) {
            quotient = quotient.add(BigInteger.ONE);
        }
        return quotient.bitLength() < Long.SIZE ? quotient.longValue() : Long.MAX_VALUE;
    }
}
