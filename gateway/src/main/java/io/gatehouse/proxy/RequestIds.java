package io.gatehouse.proxy;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Request ids: 128 random bits in hex. {@code UUID.randomUUID()} would go through SecureRandom, which can block
 * and contends; uniqueness, not unpredictability, is what an id needs.
 */
public final class RequestIds {

    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final int MAX_INCOMING_LENGTH = 128;

    private RequestIds() {
    }

    public static String next() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        char[] out = new char[32];
        fill(out, 0, random.nextLong());
        fill(out, 16, random.nextLong());
        return new String(out);
    }

    /** A client's id is kept when it is short visible ASCII, so it cannot smuggle anything into logs. */
    public static boolean acceptable(String incoming) {
        if (incoming == null || incoming.isEmpty() || incoming.length() > MAX_INCOMING_LENGTH) {
            return false;
        }
        for (int i = 0; i < incoming.length(); i++) {
            char c = incoming.charAt(i);
            if (c < 0x21 || c > 0x7e || c == '"' || c == '\\') {
                return false;
            }
        }
        return true;
    }

    private static void fill(char[] out, int offset, long bits) {
        for (int i = 15; i >= 0; i--) {
            out[offset + i] = HEX[(int) (bits & 0xf)];
            bits >>>= 4;
        }
    }
}
