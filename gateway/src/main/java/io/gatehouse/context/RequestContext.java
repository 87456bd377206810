package io.gatehouse.context;

import io.netty.channel.EventLoop;
import io.gatehouse.routing.PathVariables;
import java.net.InetSocketAddress;
import java.util.IdentityHashMap;
import java.util.Map;
import javax.net.ssl.SSLSession;

/**
 * Per-exchange state: created once the route is known, confined to the exchange's event loop, so it needs no
 * synchronisation.
 */
public final class RequestContext {

    private final String requestId;
    private final String routeName;
    private final InetSocketAddress clientAddress;
    private final String client;
    private final PathVariables pathVariables;
    private final EventLoop eventLoop;
    private final long startNanos;
    private final SSLSession tlsSession;
    private final Map<AttributeKey<?>, Object> attributes = new IdentityHashMap<>(4);

    /**
     * @param clientAddress the connection's peer
     * @param client        the original client's IP address, through trusted proxies
     * @param pathVariables what the route's path template captured
     */
    public RequestContext(String requestId, String routeName, InetSocketAddress clientAddress, String client,
                          PathVariables pathVariables, EventLoop eventLoop, long startNanos) {
        this(requestId, routeName, clientAddress, client, pathVariables, eventLoop, startNanos, null);
    }

    /** @param tlsSession the client connection's TLS session; null for cleartext */
    public RequestContext(String requestId, String routeName, InetSocketAddress clientAddress, String client,
                          PathVariables pathVariables, EventLoop eventLoop, long startNanos, SSLSession tlsSession) {
        this.tlsSession = tlsSession;
        this.requestId = requestId;
        this.routeName = routeName;
        this.clientAddress = clientAddress;
        this.client = client;
        this.pathVariables = pathVariables;
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

    /** The original client's IP address: the peer, or what trusted proxies say the client was. */
    public String client() {
        return client;
    }

    public PathVariables pathVariables() {
        return pathVariables;
    }

    public EventLoop eventLoop() {
        return eventLoop;
    }

    public long startNanos() {
        return startNanos;
    }

    /** The client connection's TLS session (its peer certificates, once verified); null for cleartext. */
    public SSLSession tlsSession() {
        return tlsSession;
    }

    @SuppressWarnings("unchecked")
    public <T> T get(AttributeKey<T> key) {
        return (T) attributes.get(key);
    }

    public <T> void set(AttributeKey<T> key, T value) {
        attributes.put(key, value);
    }
}
