package io.gatehouse.upstream.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class RetryAfterTest {

    private static final Instant NOW = Instant.parse("1994-11-06T08:49:00Z");

    @Test
    void delaySecondsBecomeNanoseconds() {
        assertThat(RetryAfter.parseNanos("120", NOW)).isEqualTo(TimeUnit.SECONDS.toNanos(120));
        assertThat(RetryAfter.parseNanos("0", NOW)).isZero();
        assertThat(RetryAfter.parseNanos("007", NOW)).isEqualTo(TimeUnit.SECONDS.toNanos(7));
        assertThat(RetryAfter.parseNanos(" 5 ", NOW)).isEqualTo(TimeUnit.SECONDS.toNanos(5));
    }

    @Test
    void absurdDelaysAreCappedWithoutOverflow() {
        long cap = RetryAfter.MAX_NANOS;
        assertThat(cap).isEqualTo(TimeUnit.DAYS.toNanos(365));
        assertThat(RetryAfter.parseNanos("31535999", NOW)).isEqualTo(cap - TimeUnit.SECONDS.toNanos(1));
        assertThat(RetryAfter.parseNanos("31536000", NOW)).isEqualTo(cap);
        assertThat(RetryAfter.parseNanos("9223372036854775807", NOW)).isEqualTo(cap);
        assertThat(RetryAfter.parseNanos("99999999999999999999999999999999", NOW)).isEqualTo(cap);
    }

    @Test
    void anImfFixdateIsTheWaitUntilThen() {
        assertThat(RetryAfter.parseNanos("Sun, 06 Nov 1994 08:49:37 GMT", NOW))
                .isEqualTo(TimeUnit.SECONDS.toNanos(37));
        assertThat(RetryAfter.parseNanos("Mon, 07 Nov 1994 08:49:00 GMT", NOW))
                .isEqualTo(TimeUnit.DAYS.toNanos(1));
    }

    @Test
    void theRfc1123FormWithAOneDigitDayIsAccepted() {
        assertThat(RetryAfter.parseNanos("Sun, 6 Nov 1994 08:50:00 GMT", NOW))
                .isEqualTo(TimeUnit.SECONDS.toNanos(60));
    }

    @Test
    void aDateThatHasPassedMeansNoWait() {
        assertThat(RetryAfter.parseNanos("Sun, 06 Nov 1994 08:48:59 GMT", NOW)).isZero();
        assertThat(RetryAfter.parseNanos("Sun, 06 Nov 1994 08:49:00 GMT", NOW)).isZero();
        assertThat(RetryAfter.parseNanos("Thu, 01 Jan 1970 00:00:00 GMT", NOW)).isZero();
        // fractions of a second after the date still count as past
        assertThat(RetryAfter.parseNanos("Sun, 06 Nov 1994 08:49:00 GMT", NOW.plusMillis(1))).isZero();
    }

    @Test
    void aFarFutureDateIsCapped() {
        assertThat(RetryAfter.parseNanos("Fri, 31 Dec 9999 23:59:59 GMT", NOW)).isEqualTo(RetryAfter.MAX_NANOS);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "-5", "+5", "1.5", "5s", "0x10", "soon", "12 34",
            "Sun, 32 Nov 1994 08:49:37 GMT", "Mon, 06 Nov 1994 08:49:37 GMT", "Sun, 06 Nov 1994 25:49:37 GMT",
            "Sun, 06 Nov 1994 08:49:37", "1994-11-06T08:49:37Z"})
    void nullBlankOrMalformedIsMinusOne(String value) {
        assertThat(RetryAfter.parseNanos(value, NOW)).isEqualTo(-1);
    }
}
