package io.gatehouse.config;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads one part of a limiter's key: {@code route}, {@code client-address}, {@code consumer}, {@code header:NAME} or
 * {@code path:NAME}.
 */
final class KeyParts {

    static final String FORMS = "route, client-address, consumer, header:NAME or path:NAME";

    /** The grammar of {@link PathTemplate} variables, so that a key can only name a variable a template may hold. */
    private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final String HEADER = "header:";
    private static final String PATH = "path:";

    private KeyParts() {
    }

    /** Parses {@code text}; the exception's message says what was expected and what was found. */
    static KeyPart parse(String text) {
        return switch (text) {
            case "route" -> new KeyPart.Route();
            case "client-address" -> new KeyPart.ClientAddress();
            case "consumer" -> new KeyPart.Consumer();
            default -> named(text);
        };
    }

    private static KeyPart named(String text) {
        if (text.startsWith(HEADER)) {
            String name = text.substring(HEADER.length());
            if (!HttpSyntax.isToken(name)) {
                throw new IllegalArgumentException("expected a header name after \"header:\", got \"" + text + "\"");
            }
            return new KeyPart.Header(name);
        }
        if (text.startsWith(PATH)) {
            String name = text.substring(PATH.length());
            if (!VARIABLE_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("expected a path variable name after \"path:\" (letters, digits "
                        + "and _, not starting with a digit), got \"" + text + "\"");
            }
            return new KeyPart.PathVariable(name);
        }
        throw new IllegalArgumentException("expected " + FORMS + ", got \"" + text + "\"");
    }

    /** What makes two parts the same for the no-repeats rule: header names compare case-insensitively. */
    static Object identity(KeyPart part) {
        return part instanceof KeyPart.Header header
                ? new KeyPart.Header(header.name().toLowerCase(Locale.ROOT))
                : part;
    }
}
