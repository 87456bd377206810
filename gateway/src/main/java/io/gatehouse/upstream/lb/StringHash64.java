package io.gatehouse.upstream.lb;

/**
 * A fast, well-mixed 64-bit hash of a character sequence, in the style of xxHash64's short-input path: four chars
 * are packed into a 64-bit word and folded in with xxHash64's round and merge steps, the rest char by char, then
 * xxHash64's final avalanche. It hashes the chars, not an encoding of them, so a String and a StringBuilder with the
 * same content hash alike and nothing is allocated; its values are not those of xxHash64 over bytes.
 */
final class StringHash64 {

    private static final long PRIME1 = 0x9E3779B185EBCA87L;
    private static final long PRIME2 = 0xC2B2AE3D27D4EB4FL;
    private static final long PRIME3 = 0x165667B19E3779F9L;
    private static final long PRIME4 = 0x85EBCA77C2B2AE63L;
    private static final long PRIME5 = 0x27D4EB2F165667C5L;

    private StringHash64() {
    }

    /** Different seeds give independent hashes of the same text (Maglev's offset and skip, retries' salt). */
    static long hash(CharSequence text, long seed) {
        int length = text.length();
        long hash = seed + PRIME5 + length * 2L;
        int i = 0;
        for (; i + 4 <= length; i += 4) {
            long word = text.charAt(i) | (long) text.charAt(i + 1) << 16 | (long) text.charAt(i + 2) << 32
                    | (long) text.charAt(i + 3) << 48;
            hash ^= Long.rotateLeft(word * PRIME2, 31) * PRIME1;
            hash = Long.rotateLeft(hash, 27) * PRIME1 + PRIME4;
        }
        for (; i < length; i++) {
            hash ^= text.charAt(i) * PRIME5;
            hash = Long.rotateLeft(hash, 11) * PRIME1;
        }
        hash ^= hash >>> 33;
        hash *= PRIME2;
        hash ^= hash >>> 29;
        hash *= PRIME3;
        return hash ^ hash >>> 32;
    }
}
