package io.gatehouse.model;

import io.gatehouse.proxy.ReplyRenderer;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;

/** Local replies of the TorchServe API in its own shape: {@code {"code": 404, "type": "...", "message": "..."}}. */
final class TorchServeErrorRenderer implements ReplyRenderer {

    @Override
    public FullHttpResponse render(ByteBufAllocator alloc, HttpResponseStatus status, String detail,
                                   String requestId) {
        String message = detail == null ? status.reasonPhrase() : detail;
        return JsonReplies.response(alloc, status, "{\"code\":" + status.code() + ",\"type\":"
                + JsonReplies.quote(type(status)) + ",\"message\":" + JsonReplies.quote(message) + "}\n");
    }

    /** The exception names TorchServe itself reports for these statuses. */
    private static String type(HttpResponseStatus status) {
        return switch (status.code()) {
            case 404 -> "ModelNotFoundException";
            case 503 -> "ServiceUnavailableException";
            case 429 -> "TooManyRequestsException";
            case 400, 413 -> "BadRequestException";
            case 405 -> "MethodNotAllowedException";
            default -> status.code() >= 500 ? "InternalServerException" : "BadRequestException";
        };
    }
}
