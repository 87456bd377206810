package io.gatehouse.proxy;

import io.gatehouse.context.AttributeKey;
import io.gatehouse.context.RequestContext;
import io.netty.buffer.ByteBuf;

/**
 * Sees the bytes of an exchange as they pass, on the exchange's event loop: the request body as it goes to the
 * upstream (pieces that arrived before the tap was attached included) and the final response body as it goes to
 * the client. The buffers stay the exchange's: a tap copies what it needs and never retains, releases or reads
 * them (their indices must not move). Whatever the exchange's end, the filter that attached the tap learns of it
 * in its completion hook.
 */
public interface ExchangeTap {

    /** A piece of the request body; {@code last} with its end. */
    void request(ByteBuf piece, boolean last);

    /** A piece of the response body the client gets; {@code last} with its end. */
    void response(ByteBuf piece, boolean last);

    /** Taps the exchange of {@code ctx}; a filter calls this in its request hook. */
    static void attach(RequestContext ctx, ExchangeTap tap) {
        ctx.set(Key.TAP, tap);
    }

    /** The tap attached to the exchange; null for none. */
    static ExchangeTap of(RequestContext ctx) {
        return ctx.get(Key.TAP);
    }

    /** Holds the key out of the public surface. */
    final class Key {
        private static final AttributeKey<ExchangeTap> TAP = AttributeKey.of("exchange-tap");

        private Key() {
        }
    }
}
