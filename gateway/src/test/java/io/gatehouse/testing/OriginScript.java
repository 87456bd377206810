package io.gatehouse.testing;

import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;

/** The scripted part of a {@link TestOrigin}: its name, per-path behaviours and random idle closing. */
final class OriginScript {
    /** After each response, close the idle connection with this probability, after this delay. */
    record IdleClosing(Random random, double probability, Duration delay) { }

    private final String name;
    private final Map<String, Behaviour> behaviours = new ConcurrentHashMap<>();
    private volatile IdleClosing idleClosing;

    OriginScript(String name) {
        this.name = name;
    }

    String name() {
        return name;
    }

    void on(String path, Behaviour behaviour) {
        behaviours.put(path, behaviour);
    }

    Behaviour behaviourFor(String uri) {
        int query = uri.indexOf('?');
        String path = query < 0 ? uri : uri.substring(0, query);
        return behaviours.getOrDefault(path, Behaviour.echo()).forNextRequest();
    }

    void closeIdleConnectionsAtRandom(IdleClosing idleClosing) {
        this.idleClosing = idleClosing;
    }

    /** The delay before closing a just-idle connection, or null to keep it; called on the event loop only. */
    Duration idleCloseDelay() {
        IdleClosing closing = idleClosing;
        if (closing == null || closing.random().nextDouble() >= closing.probability()) {
            return null;
        }
        return closing.delay();
    }
}
