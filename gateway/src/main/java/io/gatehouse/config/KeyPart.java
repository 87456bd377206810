package io.gatehouse.config;

/** One part of a rate-limit key. */
public sealed interface KeyPart {

    /** The route's name: one count for the whole route. */
    record Route() implements KeyPart {
    }

    /** The client's address, as resolved through the trusted proxies. */
    record ClientAddress() implements KeyPart {
    }

    /** The consumer an {@code auth} filter established; a request without one lacks this part. */
    record Consumer() implements KeyPart {
    }

    /** A request header's value. */
    record Header(String name) implements KeyPart {
    }

    /** A variable of the route's path template, e.g. {@code id} of {@code /users/{id}}. */
    record PathVariable(String name) implements KeyPart {
    }
}
