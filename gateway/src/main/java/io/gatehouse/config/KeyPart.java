package io.gatehouse.config;

/** One part of a rate-limit key. */
public sealed interface KeyPart {

    /** The route's name: one count for the whole route. */
    record Route() implements KeyPart {
    }

    /** The client's address, as resolved through the trusted proxies. */
    record ClientAddress() implements KeyPart {
    }

    /** The authenticated consumer; until authentication sets one, the value of {@code header}. */
    record Consumer(String header) implements KeyPart {
    }

    /** A request header's value. */
    record Header(String name) implements KeyPart {
    }

    /** A variable of the route's path template, e.g. {@code id} of {@code /users/{id}}. */
    record PathVariable(String name) implements KeyPart {
    }
}
