package io.gatehouse.serving;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;

/**
 * One connection's requests, answered in order: while one is being answered, reading stops and requests already
 * decoded (pipelined) wait here, a few at most, so an answer that comes from a worker never overtakes another.
 */
final class ServingHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final int MAX_HELD = 16;

    private final ServingApi api;
    private final ArrayDeque<FullHttpRequest> held = new ArrayDeque<>();
    private boolean busy;

    ServingHandler(ServingApi api) {
        this.api = api;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (!busy) {
            start(ctx, request);
        } else if (held.size() < MAX_HELD) {
            held.add(request.retain());
        } else {
            ctx.close();
        }
    }

    private void start(ChannelHandlerContext ctx, FullHttpRequest request) {
        busy = true;
        ctx.channel().config().setAutoRead(false);
        boolean keepAlive = HttpUtil.isKeepAlive(request) && request.decoderResult().isSuccess();
        if (request.decoderResult().isFailure()) {
            write(ctx, false, Reply.error(HttpResponseStatus.BAD_REQUEST, "malformed request: "
                    + request.decoderResult().cause().getMessage()));
            return;
        }
        CompletableFuture<Reply> answer;
        try {
            answer = api.handle(request);
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        answer.whenComplete((reply, error) -> {
            Reply response = error == null ? reply : Reply.failure(error);
            if (ctx.executor().inEventLoop()) {
                write(ctx, keepAlive, response);
            } else {
                ctx.executor().execute(() -> write(ctx, keepAlive, response));
            }
        });
    }

    private void write(ChannelHandlerContext ctx, boolean keepAlive, Reply reply) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, reply.status(),
                Unpooled.wrappedBuffer(reply.body()));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, reply.body().length);
        if (reply.retryAfter()) {
            response.headers().set(HttpHeaderNames.RETRY_AFTER, "1");
        }
        if (!keepAlive) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        ctx.writeAndFlush(response);
        busy = false;
        FullHttpRequest next = held.poll();
        if (next == null) {
            ctx.channel().config().setAutoRead(true);
            return;
        }
        try {
            start(ctx, next);
        } finally {
            next.release();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        for (FullHttpRequest request = held.poll(); request != null; request = held.poll()) {
            request.release();
        }
        super.channelInactive(ctx);
    }
}
