package io.gatehouse.proxy;

import io.gatehouse.internal.Deadline;
import io.gatehouse.upstream.Endpoint;
import io.gatehouse.upstream.pool.ConnectionCallback;
import io.gatehouse.upstream.pool.ConnectionListener;
import io.gatehouse.upstream.pool.ConnectionPool;
import io.gatehouse.upstream.pool.PooledConnection;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.LastHttpContent;

/**
 * The pooled connection of an exchange's current try, from the wait in the pool's queue to its release, and the
 * request's way onto it: the head, then the body as it arrives (held while no connection takes it, replayed from
 * the owned copy for a later try). The subclass, {@link UpstreamLeg}, decides which tries there are.
 */
abstract class TryConnection implements ConnectionCallback, ConnectionListener {

    final Exchange exchange;
    final DownstreamConnection downstream;
    final RouteRuntime route;
    final ExchangeRecord record;
    final Deadline upstreamDeadline;
    final UpstreamBody body;
    HttpRequest head;
    PooledConnection connection;
    boolean requestSent;
    private ConnectionPool acquiring;

    /** @param replayCap body bytes kept for another try (see {@link UpstreamBody}) */
    TryConnection(Exchange exchange, DownstreamConnection downstream, RouteRuntime route, ExchangeRecord record,
                  long replayCap) {
        this.exchange = exchange;
        this.downstream = downstream;
        this.route = route;
        this.record = record;
        this.upstreamDeadline = downstream.upstreamDeadline();
        this.body = new UpstreamBody(replayCap);
    }

    /** How long the current try may wait for its response head. */
    abstract long tryTimeoutNanos();

    /** Asks {@code endpoint}'s pool of this loop for a connection; {@code fresh} for a newly opened one. */
    void acquire(Endpoint endpoint, boolean fresh) {
        acquiring = endpoint.pools().forLoop(downstream.loopIndex());
        acquiring.acquire(this, route.config().timeouts().connect(), fresh);
    }

    /** The pool's answer came: the try no longer waits in its queue. */
    void acquireEnded() {
        acquiring = null;
    }

    /** Leaves the pool's queue if the try still waits there; false when the answer is on its way already. */
    boolean leaveQueue() {
        return acquiring != null && acquiring.cancel(this);
    }

    @Override
    public void onAcquired(PooledConnection acquired) {
        acquiring = null;
        if (exchange.done()) {
            acquired.release(true);
            return;
        }
        connection = acquired;
        acquired.attach(this);
        upstreamDeadline.stop();
        record.upstreamStarted();
        Channel channel = acquired.channel();
        // Void promises: nothing waits on these writes, and a failed one reaches exceptionCaught, which closes.
        channel.write(head, channel.voidPromise());
        if (body.writeTo(channel)) {
            bodySent();
        }
        channel.flush();
        channel.read();
        downstream.updateReading();
    }

    /** Shows {@code tap} the body pieces that arrived before the first try, which it has not seen. */
    void tapHeld(ExchangeTap tap) {
        body.tapHeld(tap);
    }

    /** A piece of the request body: written when connected, kept for the next connection until then. */
    void send(HttpContent content) {
        if (connection == null) {
            if (!body.keep(content)) {
                // The copy the next try needs lost its beginning: sending only the rest would forge a body.
                exchange.fail(HttpResponseStatus.BAD_GATEWAY, "the upstream failed, and the request body outgrew "
                        + "the replay buffer before the request could be tried again", "replay buffer overflow");
            }
            return;
        }
        body.forwarding(content);
        connection.channel().write(content, connection.channel().voidPromise());
        if (content instanceof LastHttpContent) {
            bodySent();
        }
    }

    private void bodySent() {
        requestSent = true;
        upstreamDeadline.start(tryTimeoutNanos());
    }

    boolean requestSent() {
        return requestSent;
    }

    /** Whether more request body may be read from the client now. */
    boolean acceptsBody() {
        return connection != null && connection.channel().isWritable();
    }

    void flush() {
        if (connection != null) {
            connection.channel().flush();
        }
    }

    /** The client can take more of the response. */
    void readMore() {
        if (connection != null) {
            connection.channel().read();
        }
    }

    @Override
    public void onUpstreamWritabilityChanged(boolean writable) {
        if (writable) {
            downstream.updateReading();
        }
    }

    /** Leaves a pool's queue, or gives the connection back ({@code reusable} when it may serve another request). */
    void releaseConnection(boolean reusable) {
        if (acquiring != null) {
            acquiring.cancel(this);
            acquiring = null;
        }
        if (connection != null) {
            PooledConnection released = connection;
            connection = null;
            released.release(reusable);
        }
    }
}
