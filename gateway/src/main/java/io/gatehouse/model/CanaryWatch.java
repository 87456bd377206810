package io.gatehouse.model;

import io.gatehouse.config.ShadowConfig;
import io.gatehouse.config.TrafficConfig;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rolls failing canaries back: on the control thread, judges each model with rollback settings about ten times per
 * window and sets a failing canary's weights to 0 through the control plane's traffic path, so the change is
 * persisted like an admin call. Keeps each model's last rollback for the admin API.
 */
final class CanaryWatch {

    private static final Logger LOG = LoggerFactory.getLogger(CanaryWatch.class);

    /** Sets a model's weights and shadow as an admin call would; on the control thread. */
    @FunctionalInterface
    interface TrafficChange {
        ModelView apply(String model, TrafficConfig split, ShadowConfig shadow);
    }

    private final ModelRegistry registry;
    private final TrafficChange change;
    private final Clock wallClock;
    /** When each model was last judged, by the registry's clock; control thread only. */
    private final Map<String, Long> lastChecked = new HashMap<>();
    private final Map<String, CanaryRollback> lastRollback = new ConcurrentHashMap<>();

    CanaryWatch(ModelRegistry registry, TrafficChange change, Clock wallClock) {
        this.registry = registry;
        this.change = change;
        this.wallClock = wallClock;
    }

    /** The model's last rollback; null when it had none since the gateway started. */
    CanaryRollback last(String model) {
        return lastRollback.get(model);
    }

    /** Judges the models whose last check is a tenth of their window ago or more. */
    List<CanaryRollback> checkDue() {
        return check(false);
    }

    /** Judges every model with rollback settings now. */
    List<CanaryRollback> checkAll() {
        return check(true);
    }

    private List<CanaryRollback> check(boolean all) {
        Map<String, ModelView> models = registry.current();
        lastChecked.keySet().retainAll(models.keySet());
        lastRollback.keySet().retainAll(models.keySet());
        long now = registry.outcomes().now();
        List<CanaryRollback> done = new ArrayList<>();
        for (ModelView model : models.values()) {
            if (model.rollback() == null) {
                continue;
            }
            Long last = lastChecked.get(model.name());
            if (!all && last != null && now - last < model.rollback().window().toNanos() / OutcomeWindow.SLICES) {
                continue;
            }
            lastChecked.put(model.name(), now);
            for (CanaryGuard.Verdict verdict : CanaryGuard.judge(model, registry.outcomes())) {
                CanaryRollback rollback = rollBack(model, verdict);
                if (rollback != null) {
                    done.add(rollback);
                }
            }
        }
        return done;
    }

    private CanaryRollback rollBack(ModelView model, CanaryGuard.Verdict verdict) {
        ModelView now = registry.model(model.name());
        if (now == null || now.traffic() == null) {
            return null;
        }
        Map<String, Integer> weights = new LinkedHashMap<>(now.traffic().weights());
        verdict.targets().forEach(target -> weights.replace(target, 0));
        boolean anyLeft = weights.values().stream().anyMatch(weight -> weight > 0);
        TrafficConfig split = anyLeft ? new TrafficConfig(weights, now.traffic().stickyConsumer(),
                now.traffic().stickyHeader()) : null;
        try {
            change.apply(model.name(), split, now.shadow());
        } catch (ModelControlException e) {
            LOG.warn("model {} version {}: canary failed ({}) but its weight could not be set to 0: {}",
                    model.name(), verdict.version(), verdict.reason(), e.getMessage());
            return null;
        }
        VersionOutcomes.Tracked tracked = registry.outcomes().find(model.name(), verdict.version());
        if (tracked != null) {
            tracked.meters.rolledBack();
        }
        registry.outcomes().reset(model.name(), verdict.version());
        CanaryRollback rollback = new CanaryRollback(wallClock.instant(), model.name(), verdict.version(),
                verdict.reason());
        lastRollback.put(model.name(), rollback);
        LOG.warn("model {} version {}: canary rolled back, weight of {} set to 0: {}", model.name(),
                verdict.version(), verdict.targets(), verdict.reason());
        return rollback;
    }
}
