package io.gatehouse.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A value of the config tree at a known path. Reading never throws: a problem is recorded with this path and the
 * reader gets the fallback, so that one pass finds every problem. YAML null counts as absent.
 */
final class ConfigNode {

    private final JsonNode value;
    private final String path;
    private final ConfigErrors errors;
    /** Values whose {@code ${VAR}} could not be expanded: already reported, so nothing more is said about them. */
    private final Set<String> silenced;
    /** Where the config lives and which values came from the environment: what secrets and files are read with. */
    private final Secrets secrets;

    private ConfigNode(JsonNode value, String path, ConfigErrors errors, Set<String> silenced, Secrets secrets) {
        this.value = value == null || value.isNull() || value.isMissingNode() ? null : value;
        this.path = path;
        this.errors = errors;
        this.silenced = silenced;
        this.secrets = secrets;
    }

    /** The root of a tree that comes from no config file: relative paths against the working directory. */
    static ConfigNode root(JsonNode tree, ConfigErrors errors, Set<String> silenced) {
        return root(tree, errors, silenced, Secrets.workingDirectory());
    }

    /** @param secrets reads the secrets and files of this tree, knowing where it lives and what the environment gave */
    static ConfigNode root(JsonNode tree, ConfigErrors errors, Set<String> silenced, Secrets secrets) {
        return new ConfigNode(tree, "", errors, silenced, secrets);
    }

    static String childPath(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    static String itemPath(String path, int index) {
        return path + "[" + index + "]";
    }

    String path() {
        return path;
    }

    ConfigErrors errors() {
        return errors;
    }

    Secrets secrets() {
        return secrets;
    }

    /** This value reporting its problems to {@code other}, to read it again without repeating what was reported. */
    ConfigNode reportingTo(ConfigErrors other) {
        return new ConfigNode(value, path, other, silenced, secrets);
    }

    boolean isPresent() {
        return value != null;
    }

    boolean isMap() {
        return value != null && value.isObject();
    }

    /** The raw value, for parsers that take a tree (filter factories); {@code null} in YAML and absence read the same. */
    JsonNode json() {
        return value == null ? NullNode.getInstance() : value;
    }

    ConfigNode get(String key) {
        return new ConfigNode(isMap() ? value.get(key) : null, childPath(path, key), errors, silenced, secrets);
    }

    void error(String message) {
        if (!silenced.contains(path)) {
            errors.add(path, message);
        }
    }

    /** Reports {@code unknown <kind> "<name>" (known: a, b)}. */
    void errorUnknown(String kind, String name, Collection<String> known) {
        error("unknown " + kind + " \"" + name + "\" (known: " + (known.isEmpty() ? "none" : String.join(", ",
                known.stream().sorted().toList())) + ")");
    }

    /** Reports absence; true when present. */
    boolean require() {
        if (value == null) {
            error("required");
        }
        return value != null;
    }

    /**
     * Checks that this is a map using only {@code allowed} keys, reporting each other key. False when absent (not an
     * error here) or not a map.
     */
    boolean expectMap(String... allowed) {
        if (value == null) {
            return false;
        }
        String allowedList = String.join(", ", allowed);
        if (!value.isObject()) {
            error("expected a map with keys " + allowedList);
            return false;
        }
        List<String> known = List.of(allowed);
        value.fieldNames().forEachRemaining(key -> {
            if (!known.contains(key)) {
                get(key).error("unknown key (allowed: " + allowedList + ")");
            }
        });
        return true;
    }

    /** Like {@link #expectMap}, for values that must be present, such as list items. */
    boolean requireMap(String... allowed) {
        if (value == null) {
            error("expected a map with keys " + String.join(", ", allowed));
        }
        return expectMap(allowed);
    }

    /** The entries of a map, in document order; empty when absent. */
    Map<String, ConfigNode> entries() {
        Map<String, ConfigNode> entries = new LinkedHashMap<>();
        if (value != null && !value.isObject()) {
            error("expected a map");
        } else if (value != null) {
            value.fieldNames().forEachRemaining(key -> entries.put(key, get(key)));
        }
        return entries;
    }

    /** The items of a list; empty when absent. */
    List<ConfigNode> items() {
        List<ConfigNode> items = new ArrayList<>();
        if (value != null && !value.isArray()) {
            error("expected a list");
        } else if (value != null) {
            for (int i = 0; i < value.size(); i++) {
                items.add(new ConfigNode(value.get(i), itemPath(path, i), errors, silenced, secrets));
            }
        }
        return items;
    }

    /** The items of a list that must hold at least one {@code what}. */
    List<ConfigNode> requiredItems(String what) {
        List<ConfigNode> items = require() ? items() : List.of();
        if (items.isEmpty() && value != null && value.isArray()) {
            error("expected at least one " + what);
        }
        return items;
    }

    /**
     * The one key of {@code keys} this map holds; null after reporting none or several. Absent or not a map: null,
     * not an error here.
     */
    String exactlyOne(String... keys) {
        if (!isMap()) {
            return null;
        }
        List<String> present = Arrays.stream(keys).filter(key -> get(key).isPresent()).toList();
        if (present.size() == 1) {
            return present.get(0);
        }
        String all = String.join(", ", Arrays.asList(keys).subList(0, keys.length - 1)) + " ";
        error(present.isEmpty()
                ? "expected one of " + all + "or " + keys[keys.length - 1]
                : all + "and " + keys[keys.length - 1] + " are exclusive, got " + String.join(" and ", present));
        return null;
    }

    /** A single value or a list of values, for settings where one item needs no brackets. */
    List<ConfigNode> oneOrMany() {
        return value != null && value.isArray() ? items() : value == null ? List.of() : List.of(this);
    }

    /** A scalar as text (numbers and booleans too); the fallback when absent or not a scalar. */
    String string(String fallback) {
        if (value == null) {
            return fallback;
        }
        if (!value.isValueNode()) {
            error("expected a string");
            return fallback;
        }
        return value.asText();
    }

    /** A present, non-empty scalar; null after reporting otherwise. */
    String requiredString() {
        String text = require() ? string(null) : null;
        if (text != null && text.isBlank()) {
            error("must not be empty");
            return null;
        }
        return text;
    }

    /**
     * Runs a value parser on the text of this scalar. The parser's {@link IllegalArgumentException} message is
     * reported here, and the fallback returned; the fallback is also returned when absent.
     */
    <T> T parsed(Function<String, T> parser, T fallback) {
        String text = string(null);
        if (text == null) {
            return fallback;
        }
        try {
            return parser.apply(text);
        } catch (IllegalArgumentException e) {
            error(e.getMessage());
            return fallback;
        }
    }

    int integer(int fallback, int min, int max) {
        return (int) integerIn(fallback, min, max, integerRange(min, max));
    }

    /** A whole number of at least {@code min}, for counts that may exceed an int. */
    long longInteger(long fallback, long min) {
        return integerIn(fallback, min, Long.MAX_VALUE, "an integer >= " + min);
    }

    private long integerIn(long fallback, long min, long max, String expected) {
        return parsed(text -> {
            try {
                long number = Long.parseLong(text);
                if (number >= min && number <= max) {
                    return number;
                }
            } catch (NumberFormatException notANumber) {
                // reported below with the expected range
            }
            throw new IllegalArgumentException("expected " + expected + ", got \"" + text + "\"");
        }, fallback);
    }

    private static String integerRange(int min, int max) {
        if (min == Integer.MIN_VALUE && max == Integer.MAX_VALUE) {
            return "an integer";
        }
        return max == Integer.MAX_VALUE ? "an integer >= " + min : "an integer from " + min + " to " + max;
    }

    boolean bool(boolean fallback) {
        return parsed(text -> switch (text) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("expected true or false, got \"" + text + "\"");
        }, fallback);
    }

    Duration duration(Duration fallback) {
        return parsed(Durations::parse, fallback);
    }

    /** A duration that must be above zero, for intervals and periods that a zero would turn into a busy loop. */
    Duration positiveDuration(Duration fallback) {
        Duration duration = duration(fallback);
        if (duration != null && duration.isZero()) {
            error("expected a duration above 0, got \"" + string(null) + "\"");
            return fallback;
        }
        return duration;
    }

    /** Reports {@code value}, read here, when it exceeds {@code limit}, the value of the sibling {@code limitKey}. */
    void notAbove(Duration value, String limitKey, Duration limit) {
        if (value.compareTo(limit) > 0) {
            error("must not exceed " + limitKey + " (" + Durations.format(limit) + "), got "
                    + Durations.format(value));
        }
    }

    /** Reports {@code value}, read here, when it is below {@code floor}, the value of the sibling {@code floorKey}. */
    void notBelow(Duration value, String floorKey, Duration floor) {
        if (value.compareTo(floor) < 0) {
            error("must be at least " + floorKey + " (" + Durations.format(floor) + "), got "
                    + Durations.format(value));
        }
    }

    /** A percentage like {@code 50%}, as a fraction from 0 to 1. */
    double percentage(double fallback) {
        return parsed(Percentages::parse, fallback);
    }

    long size(long fallback) {
        return parsed(Sizes::parse, fallback);
    }

    /** A size that must fit an int, for limits that Netty's codec takes as int. */
    int intSize(int fallback) {
        long size = size(fallback);
        if (size > Integer.MAX_VALUE) {
            error("expected a size of at most " + Integer.MAX_VALUE + " bytes, got \"" + string(null) + "\"");
            return fallback;
        }
        return (int) size;
    }

    /** A regular expression, compiled; null when absent or invalid. */
    Pattern regex() {
        return parsed(text -> {
            try {
                return Pattern.compile(text);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("invalid regex \"" + text + "\": " + e.getDescription()
                        + (e.getIndex() >= 0 ? " near index " + e.getIndex() : ""));
            }
        }, null);
    }
}
