package io.gatehouse.testing;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.concurrent.Future;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Writes one scripted response on the connection's event loop, then reports completion. */
final class ResponseWriter {
    private final ChannelHandlerContext ctx;
    private final Behaviour behaviour;
    private final String originName;
    private final RequestTally request;
    private final Runnable onKeepAlive;

    /** @param onKeepAlive runs once the response is fully written and the connection stays open */
    ResponseWriter(ChannelHandlerContext ctx, Behaviour behaviour, String originName, RequestTally request,
                   Runnable onKeepAlive) {
        this.ctx = ctx;
        this.behaviour = behaviour;
        this.originName = originName;
        this.request = request;
        this.onKeepAlive = onKeepAlive;
    }

    void start() {
        for (Behaviour.Informational info : behaviour.informationalResponses()) {
            ctx.write(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, info.status(), Unpooled.EMPTY_BUFFER,
                    info.headers().copy(), EmptyHttpHeaders.INSTANCE));
        }
        ctx.flush();
        behaviour.responseGate().whenComplete((ignored, error) -> ctx.executor().execute(this::afterGate));
    }

    private void afterGate() {
        long delayNanos = behaviour.delayBeforeHead().toNanos();
        if (delayNanos > 0) {
            ctx.executor().schedule(this::writeFinalResponse, delayNanos, TimeUnit.NANOSECONDS);
        } else {
            writeFinalResponse();
        }
    }

    static void reset(Channel channel) {
        // SO_LINGER 0 turns close() into an RST instead of an orderly FIN.
        channel.config().setOption(ChannelOption.SO_LINGER, 0);
        channel.close();
    }

    private void writeFinalResponse() {
        if (!ctx.channel().isActive()) {
            return;
        }
        if (behaviour.resetsBeforeResponse()) {
            reset(ctx.channel());
            return;
        }
        switch (behaviour.bodyKind()) {
            case ECHO -> writeBytes(EchoBody.describe(originName, request), "application/json");
            case FIXED -> writeBytes(behaviour.fixedBody(), null);
            case GENERATED -> writeGenerated();
            case CHUNKS -> writeChunk(0, 0);
        }
    }

    private HttpResponse head(long contentLength, String defaultContentType) {
        HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, behaviour.status());
        HttpHeaders headers = head.headers().add(behaviour.headers());
        if (defaultContentType != null && !headers.contains(HttpHeaderNames.CONTENT_TYPE)) {
            headers.set(HttpHeaderNames.CONTENT_TYPE, defaultContentType);
        }
        boolean framingScripted = headers.contains(HttpHeaderNames.CONTENT_LENGTH)
                || headers.contains(HttpHeaderNames.TRANSFER_ENCODING);
        if (!framingScripted && behaviour.isChunked()) {
            headers.set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
        } else if (!framingScripted) {
            headers.set(HttpHeaderNames.CONTENT_LENGTH, contentLength);
        }
        if (behaviour.closesAfterResponse()) {
            headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        return head;
    }

    private void writeBytes(byte[] body, String defaultContentType) {
        ctx.write(head(body.length, defaultContentType));
        int sent = (int) Math.min(body.length, behaviour.bodyBytesBeforeReset());
        if (behaviour.resetsDuringBody()) {
            ctx.writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(body, 0, sent))).addListener(this::reset);
        } else {
            ctx.writeAndFlush(new DefaultLastHttpContent(Unpooled.wrappedBuffer(body), behaviour.trailers().copy()))
                    .addListener(this::finish);
        }
    }

    private void writeGenerated() {
        ctx.write(head(behaviour.generatedBytes(), null));
        long sent = Math.min(behaviour.generatedBytes(), behaviour.bodyBytesBeforeReset());
        if (behaviour.resetsDuringBody()) {
            ctx.writeAndFlush(new GeneratedBody(sent, null)).addListener(this::reset);
        } else {
            ctx.writeAndFlush(new GeneratedBody(sent, behaviour.trailers().copy())).addListener(this::finish);
        }
    }

    private void writeChunk(int index, long bytesSent) {
        List<String> chunks = behaviour.chunkList();
        if (index == 0) {
            ctx.writeAndFlush(head(0, null));
        }
        if (bytesSent >= behaviour.bodyBytesBeforeReset()) {
            reset(ctx.channel());
        } else if (index == chunks.size()) {
            ctx.writeAndFlush(new DefaultLastHttpContent(Unpooled.EMPTY_BUFFER, behaviour.trailers().copy()))
                    .addListener(this::finish);
        } else {
            Runnable next = () -> {
                byte[] chunk = chunks.get(index).getBytes(StandardCharsets.UTF_8);
                ctx.writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(chunk))).addListener(written -> {
                    if (written.isSuccess()) {
                        writeChunk(index + 1, bytesSent + chunk.length);
                    }
                });
            };
            long gapNanos = index == 0 ? 0 : behaviour.chunkGap().toNanos();
            if (index == 1) {
                behaviour.chunkGate().whenComplete((ignored, error) ->
                        ctx.executor().schedule(next, gapNanos, TimeUnit.NANOSECONDS));
            } else {
                ctx.executor().schedule(next, gapNanos, TimeUnit.NANOSECONDS);
            }
        }
    }

    private void reset(Future<?> written) {
        reset(ctx.channel());
    }

    private void finish(Future<?> written) {
        if (!written.isSuccess() || behaviour.closesAfterResponse()) {
            ctx.close();
        } else {
            onKeepAlive.run();
        }
    }
}
