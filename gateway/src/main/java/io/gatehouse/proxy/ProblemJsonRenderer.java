package io.gatehouse.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;

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
        ByteBuf body = ByteBufUtil.writeUtf8(alloc, json);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, body);
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, "application/problem+json")
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes())
                .set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        return response;
    }
}
