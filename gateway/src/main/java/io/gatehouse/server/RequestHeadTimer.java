package io.gatehouse.server;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.gatehouse.proxy.ProblemJsonRenderer;
import io.gatehouse.proxy.RequestIds;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.channel.ChannelFutureListener;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Sits before the HTTP decoder and watches the gap between exchanges: an idle keep-alive connection is closed
 * after {@code keepAliveIdle}; once the first byte of a new request arrives its head must be complete within
 * {@code headerRead}, else the client gets 408 and the connection closes (slowloris).
 */
public final class RequestHeadTimer extends ChannelDuplexHandler {

    private final long keepAliveIdleNanos;
    private final long headerReadNanos;
    private ChannelHandlerContext ctx;
    private ScheduledFuture<?> task;
    private boolean awaiting;
    private boolean headStarted;

    public RequestHeadTimer(long keepAliveIdleNanos, long headerReadNanos) {
        this.keepAliveIdleNanos = keepAliveIdleNanos;
        this.headerReadNanos = headerReadNanos;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    /** No exchange is in progress: the connection idles until the next request starts. */
    public void awaitRequest() {
        awaiting = true;
        headStarted = false;
        schedule(keepAliveIdleNanos, this::idleExpired);
    }

    /** A complete head was decoded. */
    public void requestReceived() {
        awaiting = false;
        cancel();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (awaiting && !headStarted) {
            headStarted = true;
            schedule(headerReadNanos, this::headExpired);
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancel();
        ctx.fireChannelInactive();
    }

    private void idleExpired() {
        if (awaiting && !headStarted) {
            ctx.close();
        }
    }

    private void headExpired() {
        if (awaiting && headStarted) {
            awaiting = false;
            String requestId = RequestIds.next();
            FullHttpResponse response = ProblemJsonRenderer.INSTANCE.render(ctx.alloc(),
                    HttpResponseStatus.REQUEST_TIMEOUT, "the request head did not arrive in time", requestId);
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE)
                    .set("x-request-id", requestId);
            // From the tail of the pipeline, so the response passes through the encoder that follows this handler.
            ctx.channel().writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }

    private void schedule(long delayNanos, Runnable action) {
        cancel();
        if (delayNanos > 0) {
            task = ctx.executor().schedule(action, delayNanos, TimeUnit.NANOSECONDS);
        }
    }

    private void cancel() {
        if (task != null) {
            task.cancel(false);
            task = null;
        }
    }
}
