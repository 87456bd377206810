package io.gatehouse.server;

import io.gatehouse.proxy.ProblemJsonRenderer;
import io.gatehouse.proxy.RequestIds;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Sits before the HTTP decoder and watches the gap between exchanges: an idle keep-alive connection is closed
 * after {@code keepAliveIdle}; once the first byte of a new request arrives its head must be complete within
 * {@code headerRead}, else the client gets 408 and the connection closes (slowloris).
 *
 * <p>The hot path only records timestamps. One wake-up, at most the shorter of the two timeouts away, checks them
 * and re-arms itself while the connection waits; a busy keep-alive connection therefore schedules about one task
 * per timeout period, not two per request.
 */
public final class RequestHeadTimer extends ChannelInboundHandlerAdapter implements Runnable {

    private final long keepAliveIdleNanos;
    private final long headerReadNanos;
    private final long wakeUpNanos;
    private ChannelHandlerContext ctx;
    private ScheduledFuture<?> task;
    private boolean awaiting;
    private boolean headStarted;
    private long sinceNanos;

    public RequestHeadTimer(long keepAliveIdleNanos, long headerReadNanos) {
        this.keepAliveIdleNanos = keepAliveIdleNanos;
        this.headerReadNanos = headerReadNanos;
        this.wakeUpNanos = shorterEnabled(keepAliveIdleNanos, headerReadNanos);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    /** No exchange is in progress: the connection idles until the next request starts. */
    public void awaitRequest() {
        awaiting = true;
        headStarted = false;
        sinceNanos = now();
        ensureWakeUp();
    }

    /** A complete head was decoded. */
    public void requestReceived() {
        awaiting = false;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (awaiting && !headStarted) {
            headStarted = true;
            sinceNanos = now();
            ensureWakeUp();
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        awaiting = false;
        if (task != null) {
            task.cancel(false);
            task = null;
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void run() {
        task = null;
        if (!awaiting) {
            return;
        }
        long timeout = headStarted ? headerReadNanos : keepAliveIdleNanos;
        long remaining = timeout <= 0 ? wakeUpNanos : sinceNanos + timeout - now();
        if (remaining > 0) {
            ensureWakeUp(Math.min(remaining, wakeUpNanos));
        } else if (headStarted) {
            headExpired();
        } else {
            ctx.close();
        }
    }

    private void headExpired() {
        awaiting = false;
        String requestId = RequestIds.next();
        FullHttpResponse response = ProblemJsonRenderer.INSTANCE.render(ctx.alloc(),
                HttpResponseStatus.REQUEST_TIMEOUT, "the request head did not arrive in time", requestId);
        response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE)
                .set("x-request-id", requestId);
        // From the tail of the pipeline, so the response passes through the encoder that follows this handler.
        ctx.channel().writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }

    private void ensureWakeUp() {
        ensureWakeUp(wakeUpNanos);
    }

    /** A pending wake-up is never later than {@code wakeUpNanos} after it was set, so it always comes in time. */
    private void ensureWakeUp(long delayNanos) {
        if (task == null && wakeUpNanos > 0) {
            task = ctx.executor().schedule(this, delayNanos, TimeUnit.NANOSECONDS);
        }
    }

    private long now() {
        return ctx.executor().ticker().nanoTime();
    }

    private static long shorterEnabled(long a, long b) {
        if (a <= 0) {
            return Math.max(b, 0);
        }
        return b <= 0 ? a : Math.min(a, b);
    }
}
