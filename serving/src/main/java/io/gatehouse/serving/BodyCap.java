package io.gatehouse.serving;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.util.concurrent.TimeUnit;

/** Aggregates request bodies up to a cap; a larger one is answered 413 in the API's error shape, then the connection ends. */
final class BodyCap extends HttpObjectAggregator {

    private static final int DRAIN_SECONDS = 5;

    private final int maxBytes;

    BodyCap(int maxBytes) {
        super(maxBytes);
        this.maxBytes = maxBytes;
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
        Reply reply = Reply.error(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE,
                "request body is larger than the " + maxBytes + " bytes this server accepts");
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, reply.status(),
                Unpooled.wrappedBuffer(reply.body()));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, reply.body().length)
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        // The connection cannot carry another request. Closing it with the rest of the body unread would make the
        // kernel reset it, and the client could lose the answer: stop writing instead, discard what still arrives
        // and close when the client does, or after a grace period.
        ctx.writeAndFlush(response).addListener(written -> {
            if (written.isSuccess() && ctx.channel() instanceof DuplexChannel duplex) {
                duplex.shutdownOutput();
                ctx.channel().config().setAutoRead(true);
                ctx.executor().schedule(() -> ctx.close(), DRAIN_SECONDS, TimeUnit.SECONDS);
            } else {
                ctx.close();
            }
        });
    }
}
