package io.gatehouse.context;

import io.netty.channel.EventLoop;
import java.net.InetSocketAddress;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Per-exchange state: created once the route is known, confined to the exchange's event loop, so it needs no
 * synchronisation.
 */
public final class RequestContext {

    private final String requestId;
    private final String routeName;
    private final InetSocketAddress clientAddress;
    private final EventLoop eventLoop;
    private final long startNanos;
    private final Map<AttributeKey<?>, Object> attributes = new IdentityHashMap<>(4);

    public RequestContext(String requestId, String routeName, InetSocketAddress clientAddress, EventLoop eventLoop,
                          long startNanos) {
        this.requestId = requestId;
        this.routeName = routeName;
        this.clientAddress = clientAddress;
        this.eventLoop = eventLoop;
        this.startNanos = startNanos;
    }

    public String requestId() {
        return requestId;
    }

    public String routeName() {
        return routeName;
    }

    public InetSocketAddress clientAddress() {
        return clientAddress;
    }

    public EventLoop eventLoop() {
        return eventLoop;
    }

    public long startNanos() {
        return startNanos;
    }

    @SuppressWarnings("unchecked")
    public <T> T get(AttributeKey<T> key) {
        return (T) attributes.get(key);
    }

    public <T> void set(AttributeKey<T> key, T value) {
        attributes.put(key, value);
    }
}
