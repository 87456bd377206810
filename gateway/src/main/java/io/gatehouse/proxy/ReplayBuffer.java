package io.gatehouse.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.ArrayList;
import java.util.List;

/**
 * An owned copy of a request body, up to a cap, so that a later try can send it again. The pieces forwarded to
 * the first try belong to that try's connection; these copies belong here and are released with the exchange.
 * A body that outgrows the cap is dropped at once, and the request can no longer be retried.
 */
final class ReplayBuffer {

    private final long cap;
    private List<ByteBuf> pieces;
    private HttpHeaders trailers;
    private long size;
    private boolean complete;
    private boolean overflowed;

    /** @param cap bytes that may be kept; a negative cap keeps nothing and is never replayable */
    ReplayBuffer(long cap) {
        this.cap = cap;
        this.overflowed = cap < 0;
    }

    /** Copies {@code content}, which the caller still owns. */
    void add(HttpContent content) {
        if (overflowed) {
            return;
        }
        ByteBuf bytes = content.content();
        size += bytes.readableBytes();
        if (size > cap) {
            overflowed = true;
            release();
            return;
        }
        if (bytes.isReadable()) {
            if (pieces == null) {
                pieces = new ArrayList<>(4);
            }
            pieces.add(bytes.copy());
        }
        if (content instanceof LastHttpContent last) {
            complete = true;
            trailers = last.trailingHeaders().isEmpty() ? null : last.trailingHeaders().copy();
        }
    }

    /** Whether every byte received so far is kept. */
    boolean replayable() {
        return !overflowed;
    }

    /** Bytes kept. */
    long size() {
        return size;
    }

    /** Whether the whole body, to its end, is kept. */
    boolean complete() {
        return complete;
    }

    /** Writes what is kept to {@code channel}, ending the body if it is complete; the copies stay here. */
    void writeTo(Channel channel) {
        if (pieces != null) {
            for (ByteBuf piece : pieces) {
                channel.write(new DefaultHttpContent(piece.retainedDuplicate()), channel.voidPromise());
            }
        }
        if (complete) {
            LastHttpContent last = new DefaultLastHttpContent(Unpooled.EMPTY_BUFFER);
            if (trailers != null) {
                last.trailingHeaders().set(trailers);
            }
            channel.write(last, channel.voidPromise());
        }
    }

    void release() {
        if (pieces != null) {
            pieces.forEach(ByteBuf::release);
            pieces = null;
        }
    }
}
