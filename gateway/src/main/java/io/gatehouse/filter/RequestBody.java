package io.gatehouse.filter;

import io.netty.buffer.ByteBuf;

/**
 * The whole request body, aggregated for a {@link BodyFilter}. The exchange owns it and releases it however the
 * exchange ends; a filter reads it during its call and never keeps it.
 */
public interface RequestBody {

    /** The body's bytes, readable from its reader index; not retained for the caller. */
    ByteBuf content();

    /**
     * Sends {@code replacement} upstream instead, with a {@code Content-Length} of its size (a chunked request goes
     * out with a fixed length, without its trailers). Ownership of {@code replacement} passes to the exchange.
     */
    void replace(ByteBuf replacement);
}
