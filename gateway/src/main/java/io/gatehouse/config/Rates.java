package io.gatehouse.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads rates written as an amount per unit, {@code 10/s}, {@code 600/m}, {@code 1000/h}, or per a duration,
 * {@code 10/100ms}, {@code 50/5m}.
 */
public final class Rates {

    private static final Pattern FORMAT = Pattern.compile("(\\d{1,9})/(ms|s|m|h|\\d{1,9}(?:ms|s|m|h))");

    private Rates() {
    }

    /** Parses {@code text}; the exception's message says what was expected and what was found. */
    public static Rate parse(String text) {
        Matcher matcher = FORMAT.matcher(text);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("expected a rate like 10/s, 600/m or 1000/h, got \"" + text + "\"");
        }
        long amount = Long.parseLong(matcher.group(1));
        String period = matcher.group(2);
        Duration per = Durations.parse(Character.isDigit(period.charAt(0)) ? period : "1" + period);
        if (amount == 0 || per.isZero()) {
            throw new IllegalArgumentException("expected a rate of at least 1 per period above 0, got \"" + text
                    + "\"");
        }
        if (amount > per.toNanos()) {
            throw new IllegalArgumentException("expected a rate of at most 1 per nanosecond, got \"" + text + "\"");
        }
        return new Rate(amount, per);
    }
}
