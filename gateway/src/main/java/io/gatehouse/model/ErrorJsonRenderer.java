package io.gatehouse.model;

import io.gatehouse.proxy.ReplyRenderer;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * Local replies of the Open Inference and TF Serving APIs: {@code {"error": "..."}} as both protocols answer errors.
 * A reply below 400 is one the model filter answers itself (server health): its detail is the JSON body.
 */
final class ErrorJsonRenderer implements ReplyRenderer {

    @Override
    public FullHttpResponse render(ByteBufAllocator alloc, HttpResponseStatus status, String detail,
                                   String requestId) {
        if (status.code() < 400) {
            return JsonReplies.response(alloc, status, detail + "\n");
        }
        String message = detail == null ? status.reasonPhrase() : detail;
        return JsonReplies.response(alloc, status, "{\"error\":" + JsonReplies.quote(message) + "}\n");
    }
}
