package io.gatehouse.upstream.lb;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StringHash64Test {

    @Test
    void hashesTheCharsWhateverTheSequenceType() {
        assertThat(StringHash64.hash(new StringBuilder("session-42"), 0)).isEqualTo(StringHash64.hash("session-42", 0));
    }

    @Test
    void seedsGiveDifferentHashes() {
        assertThat(StringHash64.hash("key", 1)).isNotEqualTo(StringHash64.hash("key", 0));
    }

    @Test
    void everyLengthAndEveryTailIsHashed() {
        Set<Long> hashes = new HashSet<>();
        StringBuilder text = new StringBuilder();
        for (int length = 0; length < 40; length++) {
            assertThat(hashes.add(StringHash64.hash(text, 0))).as("hash of %d chars is new", length).isTrue();
            text.append('a');
        }
        assertThat(StringHash64.hash("ab", 0)).isNotEqualTo(StringHash64.hash("ba", 0));
        assertThat(StringHash64.hash("abcdX", 0)).isNotEqualTo(StringHash64.hash("abcdY", 0));
    }

    /**
     * Changing one char flips each output bit with probability one half: over 20,000 pairs the mean number of
     * flipped bits is 32 with a deviation of 0.03, and no bit may flip in under 45% or over 55% of the pairs.
     */
    @Test
    void oneChangedCharFlipsHalfTheBits() {
        int pairs = 20_000;
        long flipped = 0;
        int[] perBit = new int[64];
        for (int i = 0; i < pairs; i++) {
            String key = "user-" + i + "-session";
            char[] changed = key.toCharArray();
            changed[i % changed.length] ^= 1 << (i / changed.length % 7);
            long difference = StringHash64.hash(key, 0) ^ StringHash64.hash(new String(changed), 0);
            flipped += Long.bitCount(difference);
            for (int bit = 0; bit < 64; bit++) {
                perBit[bit] += (int) (difference >>> bit & 1);
            }
        }
        assertThat(flipped / (double) pairs).isBetween(31.5, 32.5);
        for (int bit = 0; bit < 64; bit++) {
            assertThat(perBit[bit]).as("flips of bit %d", bit).isBetween(9_000, 11_000);
        }
    }
}
