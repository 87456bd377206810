package io.gatehouse.upstream.pool;

import io.gatehouse.internal.Deadline;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpObject;
import io.netty.util.ReferenceCountUtil;

/**
 * An upstream connection and the last handler of its pipeline. While an exchange holds it, events go to that
 * exchange; while it idles in its pool, any byte or close from the peer retires it, which is how a stale
 * keep-alive connection is noticed before it is handed out again.
 */
public final class PooledConnection extends ChannelInboundHandlerAdapter {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(PooledConnection.class);

    private final ConnectionPool pool;
    private final UpstreamTls tls;
    private Channel channel;
    private ConnectionListener listener;
    private int exchanges;
    private boolean leftPool;
    private boolean delivering;
    private boolean releasedMidRead;
    private Deadline idleTimeout;

    /** @param tls how the connection speaks TLS; null for cleartext */
    PooledConnection(ConnectionPool pool, UpstreamTls tls) {
        this.pool = pool;
        this.tls = tls;
    }

    UpstreamTls tls() {
        return tls;
    }

    public Channel channel() {
        return channel;
    }

    /** True when an earlier exchange already used this connection, so a failure may be a stale keep-alive race. */
    public boolean reused() {
        return exchanges > 1;
    }

    public void attach(ConnectionListener listener) {
        this.listener = listener;
        idleTimeout.stop();
        exchanges++;
    }

    /** Hands the connection back; it is kept only when {@code reusable} and still open. */
    public void release(boolean reusable) {
        releasedMidRead |= delivering;
        listener = null;
        pool.release(this, reusable && channel.isActive());
    }

    /** Parked in its pool: closes unless taken again within {@code nanos}. */
    void startIdleTimeout(long nanos) {
        idleTimeout.start(nanos);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        // A lazily re-armed deadline instead of IdleStateHandler, which would intercept every read and write.
        idleTimeout = new Deadline(ctx.channel().eventLoop(), () -> {
            if (listener == null) {
                ctx.close();
            }
        });
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (releasedMidRead) {
            // More followed the end of a response in the same read, before any next request could have been
            // answered: the peer is out of step, whichever exchange (or the pool) holds the connection by now.
            ReferenceCountUtil.release(msg);
            leavePool();
            ctx.close();
        } else if (listener != null && msg instanceof HttpObject httpObject) {
            delivering = true;
            listener.onUpstreamRead(httpObject);
            delivering = false;
        } else {
            // Nothing may arrive on a connection that has no request outstanding.
            ReferenceCountUtil.release(msg);
            ctx.close();
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        releasedMidRead = false;
        if (listener != null) {
            listener.onUpstreamReadComplete();
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (listener != null) {
            listener.onUpstreamWritabilityChanged(ctx.channel().isWritable());
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // Resets and broken pipes are routine on the internet: visible at debug level, not noise at info.
        LOG.debug("closing {} after an error", ctx.channel(), cause);
        leavePool();
        reportClosed(cause);
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        idleTimeout.cancel();
        leavePool();
        reportClosed(null);
    }

    /**
     * Frees this connection's place in the pool, once, as soon as it is known to be closing rather than when the
     * inactive event arrives later: an exchange that replays its request on a fresh connection, or the next
     * request after a close, must not find the dead one still counted against the limit.
     */
    void leavePool() {
        if (!leftPool) {
            leftPool = true;
            pool.closed(this);
        }
    }

    private void reportClosed(Throwable cause) {
        if (listener != null) {
            ConnectionListener current = listener;
            listener = null;
            current.onUpstreamClosed(cause);
        }
    }
}
