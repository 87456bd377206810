package io.gatehouse.config;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/** Reads percentages written as {@code 50%} or {@code 12.5%}, from 0% to 100%, as fractions from 0 to 1. */
public final class Percentages {

    private static final Pattern FORMAT = Pattern.compile("\\d{1,3}(\\.\\d{1,6})?%");
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private Percentages() {
    }

    /** Parses {@code text}; the exception's message says what was expected and what was found. */
    public static double parse(String text) {
        if (!FORMAT.matcher(text).matches()) {
            throw new IllegalArgumentException("expected a percentage like 50%, got \"" + text + "\"");
        }
        BigDecimal percent = new BigDecimal(text.substring(0, text.length() - 1));
        if (percent.compareTo(HUNDRED) > 0) {
            throw new IllegalArgumentException("expected a percentage from 0% to 100%, got \"" + text + "\"");
        }
        return percent.movePointLeft(2).doubleValue();
    }
}
