package io.gatehouse.filter;

/** Request filters run in this order; response hooks in the reverse order. */
public enum Phase {
    OBSERVE,
    RESOLVE,
    AUTHORIZE,
    LIMIT,
    TRANSFORM
}
