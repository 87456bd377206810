package io.gatehouse.config;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads byte sizes written as {@code 512B}, {@code 64KiB}, {@code 10MiB}, {@code 1GiB}, or a bare number of bytes. */
public final class Sizes {

    private static final Pattern FORMAT = Pattern.compile("(\\d{1,15})(B|KiB|MiB|GiB)?");

    private Sizes() {
    }

    /** Parses {@code text}; the exception's message says what was expected and what was found. */
    public static long parse(String text) {
        Matcher matcher = FORMAT.matcher(text);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("expected a size like 512B, 64KiB, 10MiB or 1GiB, got \"" + text + "\"");
        }
        long amount = Long.parseLong(matcher.group(1));
        String unit = matcher.group(2) == null ? "B" : matcher.group(2);
        int shift = switch (unit) {
            case "KiB" -> 10;
            case "MiB" -> 20;
            case "GiB" -> 30;
            default -> 0;
        };
        if (amount > Long.MAX_VALUE >> shift) {
            throw new IllegalArgumentException("size \"" + text + "\" is too large");
        }
        return amount << shift;
    }
}
