package io.gatehouse.proxy;

import io.gatehouse.filter.BodyFilter;
import io.gatehouse.filter.RequestBody;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The request body of a route with a {@link BodyFilter}, aggregated up to the smallest cap of its body filters. The
 * exchange owns it: the body goes upstream as one piece once the filters let it through, or is released when the
 * exchange ends otherwise.
 */
final class BodyAggregation implements RequestBody {

    private final int cap;
    private final boolean hasBody;
    private final CompletableFuture<RequestBody> whole = new CompletableFuture<>();
    private ByteBuf content;
    private boolean awaited;

    private BodyAggregation(int cap, boolean hasBody, ByteBuf content) {
        this.cap = cap;
        this.hasBody = hasBody;
        this.content = content;
        if (!hasBody) {
            whole.complete(this);
        }
    }

    /** The aggregation a route's filters ask for; null when none of them needs the body. */
    static BodyAggregation forRoute(List<RouteFilter> filters, ByteBufAllocator alloc, boolean requestHasBody) {
        int cap = -1;
        for (int i = 0; i < filters.size(); i++) {
            if (filters.get(i).filter() instanceof BodyFilter bodyFilter) {
                cap = cap < 0 ? bodyFilter.bodyCap() : Math.min(cap, bodyFilter.bodyCap());
            }
        }
        if (cap < 0) {
            return null;
        }
        CompositeByteBuf empty = alloc.compositeBuffer(Integer.MAX_VALUE);
        return new BodyAggregation(cap, requestHasBody, empty);
    }

    int cap() {
        return cap;
    }

    /** Takes a piece of the body (ownership passes here); false when the body outgrew the cap. */
    boolean add(HttpContent piece) {
        try {
            CompositeByteBuf composite = (CompositeByteBuf) content;
            if ((long) composite.readableBytes() + piece.content().readableBytes() > cap) {
                return false;
            }
            if (piece.content().isReadable()) {
                composite.addComponent(true, piece.content().retain());
            }
        } finally {
            piece.release();
        }
        if (piece instanceof LastHttpContent) {
            whole.complete(this);
        }
        return true;
    }

    /** Completes once the whole body has arrived; from now on the exchange reads it from the client. */
    CompletionStage<RequestBody> await() {
        awaited = true;
        return whole;
    }

    /** Whether a body filter waits for body bytes still to come. */
    boolean awaiting() {
        return awaited && !whole.isDone();
    }

    @Override
    public ByteBuf content() {
        return content;
    }

    /** A replacement that comes after the exchange ended (a late decision) is released at once. */
    @Override
    public void replace(ByteBuf replacement) {
        if (content == null) {
            replacement.release();
            return;
        }
        content.release();
        content = replacement;
    }

    /**
     * Fixes the upstream head's framing to the (perhaps replaced) body and hands the body over as one last piece;
     * ownership passes to the caller. Null for a request without a body.
     */
    HttpContent forward(HttpRequest upstreamHead) {
        if (!hasBody) {
            return null;
        }
        upstreamHead.headers().remove(HttpHeaderNames.TRANSFER_ENCODING)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, content.readableBytes());
        HttpContent last = new DefaultLastHttpContent(content);
        content = null;
        return last;
    }

    void release() {
        if (content != null) {
            content.release();
            content = null;
        }
    }
}
