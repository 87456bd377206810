package io.gatehouse.proxy;

import io.gatehouse.config.FallbackConfig;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;

/** A route's static fallback response, built from its config for each use. */
final class FallbackReply {

    private FallbackReply() {
    }

    static FullHttpResponse render(ByteBufAllocator alloc, FallbackConfig fallback) {
        ByteBuf body = fallback.body() == null ? alloc.buffer(0) : ByteBufUtil.writeUtf8(alloc, fallback.body());
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(fallback.status()), body);
        fallback.headers().forEach(response.headers()::set);
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
        return response;
    }
}
