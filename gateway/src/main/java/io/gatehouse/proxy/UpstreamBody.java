package io.gatehouse.proxy;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.ArrayDeque;

/**
 * The request body on its way to the tries. Pieces that arrive before the first connection are held for it; once
 * a connection has taken pieces, any later connection is fed from the owned {@link ReplayBuffer} instead, which
 * holds every piece received, up to its cap.
 */
final class UpstreamBody {

    private final ArrayDeque<HttpContent> held = new ArrayDeque<>(2);
    private final ReplayBuffer replay;
    private boolean forwarded;

    /** @param replayCap bytes the replay copy may keep; negative keeps none (see {@link ReplayBuffer}) */
    UpstreamBody(long replayCap) {
        this.replay = new ReplayBuffer(replayCap);
    }

    /** A piece the caller writes to the current connection itself; the replay copy takes its own copy. */
    void forwarding(HttpContent content) {
        replay.add(content);
    }

    /**
     * A piece that arrives while no connection can take it; ownership passes here. Returns false when the next
     * connection can no longer get the whole body: the replay copy it must come from outgrew its cap.
     */
    boolean keep(HttpContent content) {
        replay.add(content);
        if (!forwarded) {
            held.add(content);
            return true;
        }
        content.release();
        return replay.replayable();
    }

    /** Shows {@code tap} the pieces held for the first connection. */
    void tapHeld(ExchangeTap tap) {
        for (HttpContent content : held) {
            tap.request(content.content(), content instanceof LastHttpContent);
        }
    }

    /** Writes the body received so far to a new connection; returns whether that includes its end. */
    boolean writeTo(Channel channel) {
        if (forwarded) {
            replay.writeTo(channel);
            return replay.complete();
        }
        forwarded = true;
        boolean last = false;
        HttpContent content;
        while ((content = held.poll()) != null) {
            last = content instanceof LastHttpContent;
            channel.write(content, channel.voidPromise());
        }
        return last;
    }

    /** Whether another try could be sent the whole body: every byte received so far is kept. */
    boolean replayable() {
        return replay.replayable();
    }

    /** Whether no body byte has arrived yet. */
    boolean empty() {
        return replay.size() == 0;
    }

    void release() {
        HttpContent content;
        while ((content = held.poll()) != null) {
            content.release();
        }
        replay.release();
    }
}
