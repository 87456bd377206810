package io.gatehouse.model;

import io.netty.buffer.ByteBuf;
import java.util.Arrays;

/**
 * An owned heap copy of a body as it streams past, up to a cap: the buffers it copies from stay their owner's,
 * untouched. Once the body outgrows the cap the copy drops what it held and keeps nothing more.
 */
final class CappedCopy {

    private static final byte[] EMPTY = new byte[0];

    private final int cap;
    private byte[] bytes = EMPTY;
    private int size;
    private boolean overflowed;
    private boolean complete;

    CappedCopy(int cap) {
        this.cap = cap;
    }

    /** Copies the readable bytes of {@code piece} without moving its indices; {@code last} marks the body's end. */
    void add(ByteBuf piece, boolean last) {
        complete |= last;
        if (overflowed) {
            return;
        }
        int length = piece.readableBytes();
        if (length > cap - size) {
            overflowed = true;
            bytes = EMPTY;
            size = 0;
            return;
        }
        if (size + length > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.min(cap, Math.max(size + length, bytes.length * 2)));
        }
        piece.getBytes(piece.readerIndex(), bytes, size, length);
        size += length;
    }

    boolean overflowed() {
        return overflowed;
    }

    /** Whether the body's end went past. */
    boolean complete() {
        return complete;
    }

    /** The bytes copied, exactly as many as there were. */
    byte[] bytes() {
        return size == bytes.length ? bytes : Arrays.copyOf(bytes, size);
    }
}
