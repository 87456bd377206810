package io.gatehouse.config;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A path such as {@code /users/{id}} or {@code /models/{name}:predict}: literal segments and segments that begin with
 * one variable, optionally followed by a literal suffix. A path without braces is a template without variables.
 */
public final class PathTemplate {

    private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /**
     * One segment between slashes.
     *
     * @param variable the variable the segment begins with, or null for a literal segment
     * @param literal  the whole segment when literal, else the suffix after the variable (possibly empty)
     */
    public record Segment(String variable, String literal) {
    }

    private final String text;
    private final List<Segment> segments;
    private final List<String> variables;

    private PathTemplate(String text, List<Segment> segments, List<String> variables) {
        this.text = text;
        this.segments = List.copyOf(segments);
        this.variables = List.copyOf(variables);
    }

    /** Parses {@code text}; the exception's message says what is wrong with it. */
    public static PathTemplate parse(String text) {
        if (!text.startsWith("/")) {
            throw new IllegalArgumentException("expected a path starting with \"/\", got \"" + text + "\"");
        }
        List<Segment> segments = new ArrayList<>();
        List<String> variables = new ArrayList<>();
        for (String segment : text.substring(1).split("/", -1)) {
            Segment parsed = segment(segment, text);
            if (parsed.variable() != null) {
                if (variables.contains(parsed.variable())) {
                    throw new IllegalArgumentException(
                            "variable \"" + parsed.variable() + "\" appears twice in \"" + text + "\"");
                }
                variables.add(parsed.variable());
            }
            segments.add(parsed);
        }
        return new PathTemplate(text, segments, variables);
    }

    private static Segment segment(String segment, String text) {
        int open = segment.indexOf('{');
        int close = segment.indexOf('}');
        if (open < 0 && close < 0) {
            return new Segment(null, segment);
        }
        if (open < 0 || close < open) {
            throw new IllegalArgumentException("unbalanced braces in \"" + text + "\"");
        }
        if (open > 0) {
            throw new IllegalArgumentException("a variable must begin its segment, got \"" + segment + "\" in \""
                    + text + "\"");
        }
        String name = segment.substring(1, close);
        String suffix = segment.substring(close + 1);
        if (name.indexOf('{') >= 0 || suffix.indexOf('{') >= 0 || suffix.indexOf('}') >= 0) {
            throw new IllegalArgumentException("expected at most one variable per segment, got \"" + segment
                    + "\" in \"" + text + "\"");
        }
        if (!VARIABLE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid variable name \"" + name + "\" in \"" + text
                    + "\" (expected letters, digits and _, not starting with a digit)");
        }
        return new Segment(name, suffix);
    }

    public String text() {
        return text;
    }

    public List<Segment> segments() {
        return segments;
    }

    /** Variable names in order of appearance. */
    public List<String> variables() {
        return variables;
    }

    @Override
    public String toString() {
        return text;
    }
}
