package io.gatehouse.proxy;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;

/** Renders a reply the gateway makes itself; a route's protocol decides its shape. */
public interface ReplyRenderer {

    FullHttpResponse render(ByteBufAllocator alloc, HttpResponseStatus status, String detail, String requestId);
}
