package io.gatehouse.ratelimit;

import io.gatehouse.config.LimiterConfig;
import io.gatehouse.internal.NanoClock;
import io.gatehouse.ratelimit.local.LocalRateLimiter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The limiters by name, kept across reloads so that a reload never refills a bucket: a limiter whose config is
 * unchanged stays as it is, a local one whose numbers change is reconfigured in place with every key's state, and
 * one whose kind changes, or that is no longer named, is replaced or dropped (and closed, when it is
 * {@link AutoCloseable}, as a Redis client is). Reloads are serialised on this object; requests use the limiters
 * that {@link #apply} returns and never touch the registry.
 */
public final class LimiterRegistry implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LimiterRegistry.class);

    private final NanoClock clock;
    private final Function<LimiterConfig, RateLimiter> redisFactory;
    private final Map<String, RateLimiter> limiters = new LinkedHashMap<>();
    private boolean closed;

    /** @param redisFactory builds the limiters whose policy is {@link LimiterConfig.Policy#REDIS} */
    public LimiterRegistry(NanoClock clock, Function<LimiterConfig, RateLimiter> redisFactory) {
        this.clock = clock;
        this.redisFactory = redisFactory;
    }

    /**
     * Builds what is new first, so that a limiter that cannot be built changes nothing; then reconfigures in place,
     * swaps, and closes what was replaced or dropped.
     *
     * @return the limiter of each config, by name, in the order given
     * @throws IllegalArgumentException when two configs have the same name
     */
    public synchronized Map<String, RateLimiter> apply(Collection<LimiterConfig> configs) {
        if (closed) {
            throw new IllegalStateException("limiter registry is closed: expected apply() before close()");
        }
        Map<String, LimiterConfig> byName = byName(configs);
        Map<String, RateLimiter> built = new LinkedHashMap<>();
        try {
            for (LimiterConfig config : byName.values()) {
                if (!keeps(config)) {
                    built.put(config.name(), build(config));
                }
            }
        } catch (RuntimeException e) {
            built.values().forEach(LimiterRegistry::closeQuietly);
            throw e;
        }
        Map<String, RateLimiter> next = new LinkedHashMap<>();
        for (LimiterConfig config : byName.values()) {
            RateLimiter limiter = built.get(config.name());
            if (limiter == null) {
                limiter = limiters.get(config.name());
                if (!limiter.config().equals(config)) {
                    ((LocalRateLimiter) limiter).reconfigure(config);
                }
            }
            next.put(config.name(), limiter);
        }
        List<RateLimiter> retired = new ArrayList<>();
        limiters.forEach((name, limiter) -> {
            if (next.get(name) != limiter) {
                retired.add(limiter);
            }
        });
        limiters.clear();
        limiters.putAll(next);
        retired.forEach(LimiterRegistry::closeQuietly);
        return Collections.unmodifiableMap(next);
    }

    /** The limiters of the last {@link #apply}, by name. */
    public synchronized Map<String, RateLimiter> current() {
        return Map.copyOf(limiters);
    }

    /** Closes every limiter that is {@link AutoCloseable}; the registry takes no more configs. */
    @Override
    public synchronized void close() {
        closed = true;
        limiters.values().forEach(LimiterRegistry::closeQuietly);
        limiters.clear();
    }

    /** Whether the limiter of this name stays: same config, or a local one that takes the new numbers in place. */
    private boolean keeps(LimiterConfig config) {
        RateLimiter existing = limiters.get(config.name());
        if (existing == null) {
            return false;
        }
        return existing.config().equals(config)
                || config.policy() == LimiterConfig.Policy.LOCAL && existing instanceof LocalRateLimiter local
                        && local.config().policy() == LimiterConfig.Policy.LOCAL && local.canReconfigure(config);
    }

    private RateLimiter build(LimiterConfig config) {
        return config.policy() == LimiterConfig.Policy.REDIS
                ? redisFactory.apply(config)
                : new LocalRateLimiter(config, clock);
    }

    private static Map<String, LimiterConfig> byName(Collection<LimiterConfig> configs) {
        Map<String, LimiterConfig> byName = new LinkedHashMap<>();
        for (LimiterConfig config : configs) {
            if (byName.put(config.name(), config) != null) {
                throw new IllegalArgumentException("expected distinct limiter names, got \"" + config.name()
                        + "\" twice");
            }
        }
        return byName;
    }

    private static void closeQuietly(RateLimiter limiter) {
        if (limiter instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.warn("Closing limiter \"{}\" failed", limiter.config().name(), e);
            }
        }
    }
}
