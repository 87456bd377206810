package io.gatehouse.proxy;

import io.gatehouse.internal.Deadline;
import io.gatehouse.upstream.Endpoint;
import io.gatehouse.upstream.UpstreamTry;
import io.gatehouse.upstream.lb.PickRequest;
import io.gatehouse.upstream.pool.ConnectionCallback;
import io.gatehouse.upstream.pool.ConnectionListener;
import io.gatehouse.upstream.pool.ConnectionPool;
import io.gatehouse.upstream.pool.PoolFullException;
import io.gatehouse.upstream.pool.PooledConnection;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.ArrayDeque;

/**
 * The upstream side of an exchange: getting a pooled connection, writing the request to it, reading the response
 * from it as fast as the client takes it, retrying once on a stale keep-alive connection, and giving the
 * connection back (or closing it) at the end. What the response means is the exchange's business.
 */
final class UpstreamLeg implements ConnectionCallback, ConnectionListener {

    private final Exchange exchange;
    private final DownstreamConnection downstream;
    private final RouteRuntime route;
    private final ExchangeRecord record;
    private final Deadline upstreamDeadline;
    private final boolean requestHasBody;
    private final ArrayDeque<HttpContent> held = new ArrayDeque<>(2);
    private HttpRequest head;
    private UpstreamTry attempt;
    private ConnectionPool acquiring;
    private PooledConnection connection;
    private boolean requestSent;
    private boolean retried;
    private boolean responseSeen;

    UpstreamLeg(Exchange exchange, DownstreamConnection downstream, RouteRuntime route, ExchangeRecord record,
                boolean requestHasBody) {
        this.exchange = exchange;
        this.downstream = downstream;
        this.route = route;
        this.record = record;
        this.upstreamDeadline = downstream.upstreamDeadline();
        this.requestHasBody = requestHasBody;
    }

    /** Picks an endpoint and asks its pool for a connection; false when the upstream has no endpoint. */
    boolean connect(HttpRequest head) {
        this.head = head;
        UpstreamTry attempt = route.upstream().startTry();
        if (attempt.refusal() != null) {
            return false;
        }
        Endpoint endpoint = attempt.pick(new PickRequest(downstream.loopIndex(), null, null, 0));
        if (endpoint == null) {
            attempt.abandon();
            return false;
        }
        this.attempt = attempt;
        record.upstream(route.upstream().name(), endpoint.authority());
        // Time spent queued for a connection counts towards the response timeout, so a busy one cannot hold it.
        upstreamDeadline.start(route.config().timeouts().response().toNanos());
        acquiring = endpoint.pools().forLoop(downstream.loopIndex());
        acquiring.acquire(this, route.config().timeouts().connect(), retried);
        return true;
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
        HttpContent content;
        while ((content = held.poll()) != null) {
            write(content);
        }
        if (retried && exchange.requestReceived() && !requestSent) {
            // A retried request has no body (see onUpstreamClosed); its end was written to the failed connection.
            write(LastHttpContent.EMPTY_LAST_CONTENT);
        }
        channel.flush();
        channel.read();
        downstream.updateReading();
    }

    @Override
    public void onAcquireFailed(Throwable cause, boolean timedOut) {
        acquiring = null;
        if (cause instanceof PoolFullException) {
            exchange.fail(HttpResponseStatus.SERVICE_UNAVAILABLE, "the upstream is at its connection limit",
                    cause.getMessage());
        } else if (timedOut) {
            exchange.fail(HttpResponseStatus.GATEWAY_TIMEOUT, "connecting to the upstream timed out",
                    "connect timeout");
        } else {
            exchange.fail(HttpResponseStatus.BAD_GATEWAY, "the upstream refused the connection",
                    "connect failed: " + cause);
        }
    }

    /** A piece of the request body: written when connected, held until then. Ownership passes here. */
    void send(HttpContent content) {
        if (connection == null) {
            held.add(content);
        } else {
            write(content);
        }
    }

    private void write(HttpContent content) {
        connection.channel().write(content, connection.channel().voidPromise());
        if (content instanceof LastHttpContent) {
            requestSent = true;
            upstreamDeadline.start(route.config().timeouts().response().toNanos());
        }
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

    /** Still queued in a pool: leaves the queue and reports true; false when a connection is on its way. */
    boolean abandonQueuedWait() {
        return acquiring != null && acquiring.cancel(this);
    }

    @Override
    public void onUpstreamRead(HttpObject msg) {
        responseSeen = true;
        exchange.onUpstreamRead(msg);
    }

    @Override
    public void onUpstreamReadComplete() {
        exchange.onUpstreamReadComplete();
    }

    @Override
    public void onUpstreamWritabilityChanged(boolean writable) {
        if (writable) {
            downstream.updateReading();
        }
    }

    @Override
    public void onUpstreamClosed(Throwable cause) {
        if (exchange.done()) {
            return;
        }
        boolean staleCandidate = connection.reused();
        connection = null;
        // A reused connection that fails before any response byte may simply have been closed by the upstream
        // while idle; a request with no body can be replayed safely once, on a fresh connection.
        if (staleCandidate && !retried && !requestHasBody && !responseSeen) {
            retried = true;
            requestSent = false;
            upstreamDeadline.stop();
            connect(head);
            return;
        }
        exchange.fail(HttpResponseStatus.BAD_GATEWAY,
                "the upstream closed the connection before the response was complete",
                cause == null ? "upstream closed" : "upstream reset: " + cause);
    }

    /** Ends the leg: drops held body, leaves a pool queue, and pools the connection only when {@code reusable}. */
    void release(boolean reusable) {
        if (attempt != null) {
            attempt.abandon();
        }
        HttpContent content;
        while ((content = held.poll()) != null) {
            content.release();
        }
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
