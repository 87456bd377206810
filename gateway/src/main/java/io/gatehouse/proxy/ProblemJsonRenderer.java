package io.gatehouse.proxy;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;

/** RFC 9457 {@code application/problem+json} bodies, the default for local replies. */
public final class ProblemJsonRenderer implements ReplyRenderer {

    public static final ProblemJsonRenderer INSTANCE = new ProblemJsonRenderer();

    private ProblemJsonRenderer() {
    }

    @Override
    public FullHttpResponse render(ByteBufAllocator alloc, HttpResponseStatus status, String detail,
                                   String requestId) {
        StringBuilder json = new StringBuilder(128).append("{\"type\":\"about:blank\",\"title\":");
        Json.quote(json, status.reasonPhrase()).append(",\"status\":").append(status.code());
        if (detail != null) {
            Json.quote(json.append(",\"detail\":"), detail);
        }
        if (requestId != null) {
            Json.quote(json.append(",\"request_id\":"), requestId);
        }
        json.append("}\n");
        return Json.response(alloc, status, "application/problem+json", json);
    }
}
