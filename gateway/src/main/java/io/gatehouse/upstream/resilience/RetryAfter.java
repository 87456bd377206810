package io.gatehouse.upstream.resilience;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.TimeUnit;

/** Reads the {@code Retry-After} response header (RFC 9110 section 10.2.3). */
public final class RetryAfter {

    /** The longest wait answered, so that callers can add it to a time without overflowing. */
    public static final long MAX_NANOS = TimeUnit.DAYS.toNanos(365);

    private static final long MAX_SECONDS = TimeUnit.NANOSECONDS.toSeconds(MAX_NANOS);

    private RetryAfter() {
    }

    /**
     * The wait the header asks for, in nanoseconds, from delay-seconds or an HTTP-date relative to {@code now}
     * (a date in the past is 0; at most {@link #MAX_NANOS}); -1 when {@code value} is null or malformed.
     */
    public static long parseNanos(String value, Instant now) {
        if (value == null) {
            return -1;
        }
        String text = value.strip();
        if (text.isEmpty()) {
            return -1;
        }
        return text.chars().allMatch(c -> c >= '0' && c <= '9') ? delaySeconds(text) : httpDate(text, now);
    }

    /** delay-seconds (1*DIGIT), saturating at the cap however many digits there are. */
    private static long delaySeconds(String digits) {
        long seconds = 0;
        for (int i = 0; i < digits.length() && seconds <= MAX_SECONDS; i++) {
            seconds = seconds * 10 + (digits.charAt(i) - '0');
        }
        return Math.min(MAX_NANOS, TimeUnit.SECONDS.toNanos(seconds));
    }

    /** IMF-fixdate, and the other forms of RFC 1123 that {@link DateTimeFormatter#RFC_1123_DATE_TIME} reads. */
    private static long httpDate(String text, Instant now) {
        Instant date;
        try {
            date = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return -1;
        }
        if (!date.isAfter(now)) {
            return 0;
        }
        Duration wait = Duration.between(now, date);
        return wait.getSeconds() >= MAX_SECONDS ? MAX_NANOS : wait.toNanos();
    }
}
