package io.gatehouse.model;

import io.gatehouse.proxy.Json;
import io.gatehouse.proxy.ReplyRenderer;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * Local replies of a model API in its protocol's own error shape. A reply below 400 is one the model filter answers
 * itself (server health, the model list): its detail is the JSON body.
 */
abstract class ProtocolErrorRenderer implements ReplyRenderer {

    @Override
    public final FullHttpResponse render(ByteBufAllocator alloc, HttpResponseStatus status, String detail,
                                         String requestId) {
        if (status.code() < 400) {
            return Json.response(alloc, status, "application/json", detail + "\n");
        }
        String message = detail == null ? status.reasonPhrase() : detail;
        return Json.response(alloc, status, "application/json", errorJson(status, message) + "\n");
    }

    /** The error object for {@code status}, saying {@code message}. */
    abstract String errorJson(HttpResponseStatus status, String message);
}
