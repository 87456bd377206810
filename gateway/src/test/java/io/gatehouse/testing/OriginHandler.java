package io.gatehouse.testing;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;

/**
 * Serves one connection of a {@link TestOrigin}: one exchange at a time, like a real HTTP/1.1 server. The codec
 * decodes pipelined requests all at once, so requests arriving while a response is pending are held (and reading
 * paused) until it is written.
 */
final class OriginHandler extends ChannelInboundHandlerAdapter {
    private final OriginScript script;
    private final OriginState state;
    private final int connection;
    private final Deque<HttpObject> held = new ArrayDeque<>();
    private int exchangesStarted;
    /** The behaviour of the exchange in progress, or null between exchanges. */
    private Behaviour behaviour;
    /** The request of the exchange in progress while its body is still being read. */
    private RequestTally reading;
    private boolean responseStarted;
    private boolean responseWritten;

    OriginHandler(OriginScript script, OriginState state, int connection) {
        this.script = script;
        this.state = state;
        this.connection = connection;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof HttpObject object)) {
            ReferenceCountUtil.release(msg);
        } else if (awaitingResponse() || !held.isEmpty()) {
            held.add(object);
            ctx.channel().config().setAutoRead(false);
        } else {
            handleAndRelease(ctx, object);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (reading != null) {
            state.recorded(reading.abandoned());
            reading = null;
        }
        held.forEach(ReferenceCountUtil::release);
        held.clear();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // Peers reset and abort on purpose in these tests; the recorded state is what tests assert on.
        ctx.close();
    }

    private boolean awaitingResponse() {
        return behaviour != null && reading == null;
    }

    private void handleAndRelease(ChannelHandlerContext ctx, HttpObject object) {
        try {
            handle(ctx, object);
        } finally {
            ReferenceCountUtil.release(object);
        }
    }

    private void handle(ChannelHandlerContext ctx, HttpObject object) {
        if (object.decoderResult().isFailure()) {
            rejectMalformed(ctx);
            return;
        }
        if (object instanceof HttpRequest head) {
            exchangesStarted++;
            behaviour = script.behaviourFor(head.uri());
            reading = new RequestTally(connection, head);
            if (behaviour.respondsBeforeRequestBody()) {
                respond(ctx);
            }
            pauseReading(ctx, behaviour.readPauseAfterHead());
        }
        if (object instanceof HttpContent content && reading != null) {
            reading.consume(content.content());
        }
        if (object instanceof LastHttpContent last && reading != null) {
            state.recorded(reading.completed(last.trailingHeaders()));
            if (!responseStarted) {
                respond(ctx);
            }
            reading = null;
            if (responseWritten) {
                endExchange(ctx);
            }
        }
    }

    private void pauseReading(ChannelHandlerContext ctx, Duration pause) {
        if (pause.isZero()) {
            return;
        }
        ctx.channel().config().setAutoRead(false);
        ctx.executor().schedule(() -> {
            // Pipelined requests held meanwhile keep reading off until their turn (see endExchange).
            if (held.isEmpty()) {
                ctx.channel().config().setAutoRead(true);
            }
        }, pause.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void respond(ChannelHandlerContext ctx) {
        responseStarted = true;
        new ResponseWriter(ctx, behaviour, script.name(), reading, () -> onResponseWritten(ctx)).start();
    }

    private void onResponseWritten(ChannelHandlerContext ctx) {
        responseWritten = true;
        if (reading == null) {
            endExchange(ctx);
        }
    }

    private void endExchange(ChannelHandlerContext ctx) {
        behaviour = null;
        responseStarted = false;
        responseWritten = false;
        maybeCloseWhenIdle(ctx);
        while (!held.isEmpty() && !awaitingResponse() && ctx.channel().isActive()) {
            handleAndRelease(ctx, held.poll());
        }
        if (held.isEmpty()) {
            ctx.channel().config().setAutoRead(true);
        }
    }

    private void maybeCloseWhenIdle(ChannelHandlerContext ctx) {
        Duration delay = script.idleCloseDelay();
        if (delay == null) {
            return;
        }
        int exchangesAtDecision = exchangesStarted;
        ctx.executor().schedule(() -> {
            if (behaviour == null && exchangesStarted == exchangesAtDecision) {
                ctx.close();
            }
        }, delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void rejectMalformed(ChannelHandlerContext ctx) {
        DefaultFullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.BAD_REQUEST, Unpooled.EMPTY_BUFFER);
        response.headers().set(HttpHeaderNames.CONTENT_LENGTH, 0).set(HttpHeaderNames.CONNECTION,
                HttpHeaderValues.CLOSE);
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }
}
