package io.gatehouse.model;

import io.gatehouse.config.TrafficConfig;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.random.RandomGenerator;

/**
 * Chooses the version for a request that names none. Each weighted label or version whose version is AVAILABLE gets
 * its weight's share; the rest get none. With a sticky key the draw is a hash of the key into {@code [0, total)},
 * so a caller keeps its version while the weights (and availability) hold; otherwise a random draw. With no
 * weight left (or no traffic split) the model's default version answers.
 */
final class TrafficSplit {

    /** Weighted targets in sorted order by weights map: the same weights always map a hash to the same target. */
    private static final ConcurrentMap<Map<String, Integer>, String[]> SORTED = new ConcurrentHashMap<>();

    private TrafficSplit() {
    }

    /**
     * @param stickyKey the consumer or header value that keeps a caller on one version; null to draw at random
     * @return the chosen version, which may not be AVAILABLE only when it is the default; null when there is none
     */
    static VersionView choose(ModelView model, CharSequence stickyKey, RandomGenerator random) {
        TrafficConfig traffic = model.traffic();
        if (traffic == null) {
            return model.defaultVersion();
        }
        long total = 0;
        String[] targets = sortedTargets(traffic);
        for (String target : targets) {
            total += share(model, traffic, target);
        }
        if (total == 0) {
            return model.defaultVersion();
        }
        long draw = stickyKey == null ? random.nextLong(total) : Math.floorMod(mix(stickyKey), total);
        for (String target : targets) {
            draw -= share(model, traffic, target);
            if (draw < 0) {
                return model.resolve(target);
            }
        }
        throw new IllegalStateException("draw beyond the total weight " + total);
    }

    private static int share(ModelView model, TrafficConfig traffic, String target) {
        VersionView version = model.resolve(target);
        return version != null && version.available() ? traffic.weights().get(target) : 0;
    }

    /** Cached per weights map; a handful of entries, as weights change only by config or admin calls. */
    private static String[] sortedTargets(TrafficConfig traffic) {
        String[] sorted = SORTED.get(traffic.weights());
        if (sorted == null) {
            if (SORTED.size() > 1024) {
                SORTED.clear();
            }
            sorted = traffic.weights().keySet().stream().sorted().toArray(String[]::new);
            SORTED.put(traffic.weights(), sorted);
        }
        return sorted;
    }

    /** A well-mixed hash (String.hashCode through a 64-bit finaliser), non-negative. */
    static long mix(CharSequence key) {
        long h = key.toString().hashCode() * 0x9E3779B97F4A7C15L;
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        h *= 0xC4CEB9F34E6D4EBBL;
        h ^= h >>> 33;
        return h & Long.MAX_VALUE;
    }
}
