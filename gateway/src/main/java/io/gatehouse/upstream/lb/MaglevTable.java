package io.gatehouse.upstream.lb;

import io.gatehouse.upstream.Endpoint;
import java.util.List;

/**
 * Maglev's lookup table (Eisenbud et al., NSDI 2016): each endpoint walks its own permutation of the slots, given
 * by an offset and a skip hashed from its authority, and takes the next free slot on its turn, until the table is
 * full. Every endpoint ends up with a near-equal share of slots (scaled by weight), and removing one endpoint moves
 * little more than that endpoint's own slots. Immutable once built, so every event loop reads it freely.
 */
final class MaglevTable {

    /** A prime, so every skip in [1, SIZE - 1] walks all slots; large against the endpoint count for balance. */
    static final int SIZE = 65537;

    private static final long OFFSET_SEED = 0x6d61676c65766f66L;
    private static final long SKIP_SEED = 0x6d61676c6576736bL;

    private final Endpoint[] slots = new Endpoint[SIZE];

    /**
     * Weights are taken as they are now and slow start is ignored: a table that followed ramps would remap keys.
     * The population loop gives an endpoint a turn in a round only while its slots stay within its share of the
     * heaviest endpoint's (Envoy's rule). In round 0 every endpoint has a turn, so while there are fewer endpoints
     * than slots each one owns a slot at least.
     */
    MaglevTable(List<Endpoint> endpoints) {
        int count = endpoints.size();
        long[] weights = new long[count];
        int[] position = new int[count];
        int[] skip = new int[count];
        long[] due = new long[count];
        long maxWeight = 1;
        for (int i = 0; i < count; i++) {
            Endpoint endpoint = endpoints.get(i);
            // Config and discovery allow weights from 1; were all 0, no endpoint would get a turn after round 0.
            weights[i] = Math.max(1, endpoint.weight());
            maxWeight = Math.max(maxWeight, weights[i]);
            position[i] = slot(StringHash64.hash(endpoint.authority(), OFFSET_SEED), SIZE);
            skip[i] = 1 + slot(StringHash64.hash(endpoint.authority(), SKIP_SEED), SIZE - 1);
        }
        int filled = 0;
        for (long round = 0; filled < SIZE; round++) {
            for (int i = 0; i < count && filled < SIZE; i++) {
                if (round * weights[i] < due[i]) {
                    continue;
                }
                due[i] += maxWeight;
                while (slots[position[i]] != null) {
                    position[i] = next(position[i], skip[i]);
                }
                slots[position[i]] = endpoints.get(i);
                position[i] = next(position[i], skip[i]);
                filled++;
            }
        }
    }

    /** The endpoint owning the slot {@code hash} falls in. */
    Endpoint lookup(long hash) {
        return slots[slot(hash, SIZE)];
    }

    /**
     * The first endpoint other than {@code other} from the slot {@code hash} falls in onwards. The table must hold
     * two endpoints at least, or this never returns.
     */
    Endpoint lookupOther(long hash, Endpoint other) {
        int slot = slot(hash, SIZE);
        while (slots[slot] == other) {
            slot = slot == SIZE - 1 ? 0 : slot + 1;
        }
        return slots[slot];
    }

    /** Maps the high 32 bits of {@code hash} onto [0, size) by a multiply and shift instead of a division. */
    private static int slot(long hash, int size) {
        return (int) (((hash >>> 32) * size) >>> 32);
    }

    private static int next(int position, int skip) {
        int next = position + skip;
        return next >= SIZE ? next - SIZE : next;
    }
}
