package io.gatehouse.config;

import java.util.BitSet;

/** A set of HTTP status codes (100-599), written as codes ({@code 503}) and classes ({@code 5xx}). */
public final class StatusSet {

    private final BitSet codes;
    private final String text;

    private StatusSet(BitSet codes, String text) {
        this.codes = codes;
        this.text = text;
    }

    public static final StatusSet NONE = new StatusSet(new BitSet(), "[]");

    /** Codes from {@code from} to {@code to}, both included. */
    public static StatusSet range(int from, int to) {
        BitSet codes = new BitSet(600);
        codes.set(from, to + 1);
        return new StatusSet(codes, "[" + from + "-" + to + "]");
    }

    /** Parses items like {@code 503} and {@code 5xx}; the exception says which item is wrong. */
    public static StatusSet parse(Iterable<String> items) {
        BitSet codes = new BitSet(600);
        StringBuilder text = new StringBuilder("[");
        for (String item : items) {
            if (item.matches("[1-5]xx")) {
                int base = (item.charAt(0) - '0') * 100;
                codes.set(base, base + 100);
            } else if (item.matches("[1-5]\\d\\d")) {
                codes.set(Integer.parseInt(item));
            } else {
                throw new IllegalArgumentException("expected a status from 100 to 599 or a class like 5xx, got \""
                        + item + "\"");
            }
            text.append(text.length() > 1 ? ", " : "").append(item);
        }
        return new StatusSet(codes, text.append(']').toString());
    }

    public boolean contains(int status) {
        return status >= 0 && codes.get(status);
    }

    public boolean isEmpty() {
        return codes.isEmpty();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StatusSet set && set.codes.equals(codes);
    }

    @Override
    public int hashCode() {
        return codes.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
