package io.gatehouse.config;

import java.util.regex.Pattern;

/** A condition on a header or query value: exactly one of present, exact or regex (a full match). */
public record ValueMatch(boolean present, String exact, Pattern regex) {

    public boolean matches(String value) {
        if (value == null) {
            return false;
        }
        if (exact != null) {
            return exact.equals(value);
        }
        if (regex != null) {
            return regex.matcher(value).matches();
        }
        return present;
    }
}
