package io.gatehouse.upstream.pool;

import io.netty.handler.codec.http.HttpObject;

/** The exchange that currently owns an upstream connection hears its events through this. */
public interface ConnectionListener {

    /** A decoded response object; ownership passes to the listener. */
    void onUpstreamRead(HttpObject msg);

    void onUpstreamReadComplete();

    void onUpstreamWritabilityChanged(boolean writable);

    /** The connection closed or failed; {@code cause} is null for an orderly close by the peer. */
    void onUpstreamClosed(Throwable cause);
}
